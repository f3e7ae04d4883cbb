/// What the sandbox decided for each request of an identity it restricts (every one but the
/// administrator's): who asked, what RBAC was asked, and whether it was allowed. The API
/// server's audit log, in process, bounded to the most recent decisions.
///
/// ```swift
/// let asked = await sandbox.audit.decisions(of: "system:serviceaccount:todo-chatbot:kai")
/// ```
public actor AuditTrail {
    /// One authorization decision.
    public struct Decision: Sendable, Hashable {
        public let user: String
        public let request: RequestAttributes
        public let allowed: Bool
    }

    private var decisions: [Decision] = []
    private let limit: Int

    /// A trail keeping at most `limit` decisions, dropping the oldest.
    public init(limit: Int = 50_000) {
        self.limit = limit
    }

    func record(_ decision: Decision) {
        decisions.append(decision)
        if decisions.count > limit { decisions.removeFirst(decisions.count - limit) }
    }

    /// The decisions for `user`'s requests, oldest first.
    public func decisions(of user: String) -> [Decision] {
        decisions.filter { $0.user == user }
    }
}

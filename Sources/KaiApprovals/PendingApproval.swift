import Crypto
import Foundation
import KaiCore
import KaiExecutor

/// A change an agent asked for through `kai mcp` when its client could not ask the person: the
/// plan's steps, the cluster they were planned against and when the offer ends. Only
/// `kai approve ID` in the person's own terminal runs it, once, before it expires, against the same cluster.
public struct PendingApproval: Codable, Sendable, Hashable {
    /// The one-time id the person types: `kai approve ID`.
    public let id: String
    /// The request the plan was made for, as the audit log records it.
    public let request: String
    /// The agent that asked (its MCP client's name and version).
    public let agent: String
    /// The cluster the plan was made against.
    public let cluster: Cluster
    /// The steps as they were planned: operation, resolved target and arguments.
    public let steps: [AuditOperation]
    /// When the offer was made and when it ends.
    public let created: Date
    public let expires: Date
    /// SHA-256 of everything above, so that a file changed after `kai mcp` wrote it is refused.
    public private(set) var digest: String

    /// The cluster a plan is bound to: the API server and its CA, as the audit log names them.
    public struct Cluster: Codable, Sendable, Hashable {
        public let server: String
        public let caFingerprint: String?
        /// The kubeconfig context `kai mcp` used, for messages.
        public let context: String

        /// The cluster `context` describes.
        public init(_ context: AuditContext) {
            server = context.server
            caFingerprint = context.caFingerprint
            self.context = context.context
        }

        /// Whether `other` reaches the same cluster (the context's name may differ between kubeconfigs).
        public func isSame(as other: Cluster) -> Bool { server == other.server && caFingerprint == other.caFingerprint }

        /// "context kai-sandbox (https://127.0.0.1:6443)".
        public var shown: String { "context \(context) (\(server))" }
    }

    /// An offer of `plan`'s steps, made by `agent` against `cluster`, open for `lifetime`.
    init(id: String, plan: Plan, agent: String, cluster: AuditContext, now: Date, lifetime: Duration) {
        self.id = id
        request = plan.request
        self.agent = agent
        self.cluster = Cluster(cluster)
        steps = plan.steps.map { AuditOperation($0.operation) }
        created = now
        let seconds = Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
        expires = now.addingTimeInterval(seconds)
        digest = ""
        digest = Self.digest(of: self)
    }

    /// Whether the digest still matches what the file says.
    public var isIntact: Bool { digest == Self.digest(of: self) }

    /// Whether the offer has ended at `now`.
    public func hasExpired(at now: Date = Date()) -> Bool { now >= expires }

    /// The steps as draft steps, to be resolved and checked again against the live cluster.
    public func drafts() throws(ArgumentError) -> [DraftStep] {
        try steps.map { step throws(ArgumentError) in
            guard let operation = OperationName(rawValue: step.op) else {
                throw ArgumentError(argument: nil, problem: "The approval names an operation kai does not have: \(step.op).", remedy: "Ask the agent again.")
            }
            var arguments = step.args.mapValues(Self.input)
            if let target = step.target {
                arguments["target"] = .text(target.name)
                arguments["namespace"] = .text(target.namespace)
            }
            return try DraftBuilder.draft(operation, arguments)
        }
    }

    private static func input(_ value: ArgumentValue) -> ArgumentInput {
        switch value {
        case .int(let number): .integer(number)
        case .string(let text): .text(text)
        case .bool(let flag): .boolean(flag)
        }
    }

    private static func digest(of approval: PendingApproval) -> String {
        var unsigned = approval
        unsigned.digest = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        // Strings, numbers and dates only: encoding cannot fail.
        let data = (try? encoder.encode(unsigned)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

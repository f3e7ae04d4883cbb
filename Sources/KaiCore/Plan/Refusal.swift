/// A request kai will not carry out, with the reason and what is allowed instead.
///
/// Refusals come from the catalog (deleting a deployment, reading a secret) or from the
/// policy (a namespace or a replica count it does not allow).
public struct Refusal: KaiError, Hashable, Codable {
    /// Why the request is refused.
    public let reason: String
    /// What the person can do instead.
    public let alternative: String

    /// A refusal for `reason`, suggesting `alternative`.
    public init(reason: String, alternative: String) {
        self.reason = reason
        self.alternative = alternative
    }

    public var problem: String { reason }
    public var remedy: String { alternative }
    public var category: FailureCategory { .refused }
}

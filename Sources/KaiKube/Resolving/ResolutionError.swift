import KaiCore

/// A name that does not pick out exactly one object, or arguments that do not fit the object.
public struct ResolutionError: KaiError, Equatable {
    /// Why resolution failed.
    public enum Reason: String, Sendable, Codable {
        /// Nothing in the cluster matches the name.
        case unknown
        /// Several objects match; the person must choose.
        case ambiguous
        /// The object exists but the request does not fit it.
        case unusable
        /// The request leaves out a target or a value its operation needs ("scale up", "restart it").
        case missing
    }

    public let reason: Reason
    public let problem: String
    public let remedy: String
    /// For ``Reason/ambiguous``: the names to choose from. For ``Reason/unknown``: what exists.
    public let candidates: [String]
    public var category: FailureCategory { .usage }

    /// A resolution failure.
    public init(_ reason: Reason, problem: String, remedy: String, candidates: [String] = []) {
        self.reason = reason
        self.problem = problem
        self.remedy = remedy
        self.candidates = candidates
    }
}

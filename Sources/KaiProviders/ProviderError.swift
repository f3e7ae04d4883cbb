import KaiCore

/// A model provider that could not give a usable reply: unreachable, too slow, the key rejected,
/// rate-limited past the retries, a reply cut off or malformed. kai exits 6 and runs nothing.
public struct ProviderError: KaiError, Equatable {
    /// What kind of failure, for tests and for `kai doctor`.
    public enum Reason: String, Sendable, Hashable {
        case unreachable, timedOut, keyRejected, notFound, rateLimited, serverError, badRequest, malformedReply, unusableReply
        /// A streamed reply that ended early, after part of it was shown, or before any of it was.
        case streamCut, streamCutBeforeText
        /// The request does not fit the model's context window; sending it again cannot help.
        case contextOverflow
        /// The server does not accept `response_format` with a JSON Schema (tool mode json).
        case formatRejected
    }

    public let reason: Reason
    public let problem: String
    public let remedy: String
    public var category: FailureCategory { .provider }

    public init(_ reason: Reason, problem: String, remedy: String) {
        self.reason = reason
        self.problem = problem
        self.remedy = remedy
    }
}

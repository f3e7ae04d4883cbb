import KaiCore

/// A step that cannot be carried out as planned, found when it ran.
public struct ExecutionError: KaiError, Equatable {
    public let problem: String
    public let remedy: String
    public var category: FailureCategory { .operationFailed }

    /// An error explained by `problem` and `remedy`.
    public init(problem: String, remedy: String) {
        self.problem = problem
        self.remedy = remedy
    }
}

/// An argument value that is malformed or out of range, found before anything runs.
public struct ValueError: KaiError, Equatable {
    public let problem: String
    public let remedy: String
    public var category: FailureCategory { .usage }

    /// Creates an error for a value that cannot be used.
    public init(problem: String, remedy: String) {
        self.problem = problem
        self.remedy = remedy
    }
}

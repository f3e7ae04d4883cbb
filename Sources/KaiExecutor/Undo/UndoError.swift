import KaiCore

/// Undo cannot propose anything: nothing left to undo (exit 1), or the change asked for was made
/// on another cluster (refused, exit 4).
public struct UndoError: KaiError, Equatable {
    public let problem: String
    public let remedy: String
    public let category: FailureCategory

    /// An undo failure of `category`, explained by `problem` and `remedy`.
    public init(problem: String, remedy: String, category: FailureCategory = .operationFailed) {
        self.problem = problem
        self.remedy = remedy
        self.category = category
    }
}

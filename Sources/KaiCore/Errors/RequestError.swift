/// A request that cannot be turned into a plan: empty, or not understood.
public struct RequestError: KaiError, Equatable {
    public let problem: String
    public let remedy: String
    public var category: FailureCategory { .usage }

    /// An error for a request that cannot be used.
    public init(problem: String, remedy: String) {
        self.problem = problem
        self.remedy = remedy
    }

    /// The request was empty or only white space.
    public static let empty = RequestError(
        problem: "The request is empty.",
        remedy: "Say what you want, e.g. kai plan \"scale backend to 3\".")
}

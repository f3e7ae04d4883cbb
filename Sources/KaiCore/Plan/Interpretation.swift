/// What an interpreter made of a request.
public enum Interpretation: Sendable, Hashable {
    /// The steps to take, in order, and what the request said to leave unchanged ("but leave the
    /// backend alone", "don't roll back the frontend"); changes to those are dropped once names are resolved.
    case steps([DraftStep], unchanged: [TargetPhrase])
    /// The request asks for something kai will not do.
    case refusal(Refusal)
    /// The interpreter is not sure what was meant; it says why instead of guessing.
    case unsure(String)
}

/// Which interpreter produced a plan.
public enum InterpreterKind: String, Sendable, Hashable, Codable {
    /// The deterministic local grammar.
    case local
    /// A language model provider.
    case model
}

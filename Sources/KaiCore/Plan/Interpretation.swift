/// What an interpreter made of a request.
public enum Interpretation: Sendable, Hashable {
    /// The steps to take, in order, and what the request said to leave unchanged ("but leave the
    /// backend alone", "don't roll back the frontend"); changes to those are dropped once names are resolved.
    /// `notes` say what the interpreter understood that the person should see before confirming: a
    /// misspelling it read as a name, words it ignored, a clause it did not plan because it only mentions a change.
    case steps([DraftStep], unchanged: [TargetPhrase], notes: [String] = [])
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
    /// An agent's tool call through `kai mcp`: the operation and its arguments as the agent gave them.
    case agent
}

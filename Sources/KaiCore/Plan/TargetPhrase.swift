/// What a person called the thing to act on, before it is checked against the cluster:
/// "backend", "the db", "frontend pod", "todo-chatbot-backend-7d9f-x2k4p".
public struct TargetPhrase: Sendable, Hashable, CustomStringConvertible {
    /// The words that name the target, lowercased, in order.
    public let words: [String]
    /// The kind the person said ("pod", "deployment"), if any.
    public let kindHint: ObjectKind?

    /// A phrase of `words`, optionally with the kind the person gave.
    public init(words: [String], kindHint: ObjectKind? = nil) {
        self.words = words
        self.kindHint = kindHint
    }

    /// The phrase as the person wrote it, with the kind: "frontend pod".
    public var description: String {
        (words + (kindHint.map { [$0.noun] } ?? [])).joined(separator: " ")
    }
}

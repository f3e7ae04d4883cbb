import KaiCore

/// One word of a request: as typed (for image tags, which are case-sensitive) and lowercased.
struct Token: Sendable, Hashable {
    /// The word as the person typed it.
    let raw: String
    /// The word lowercased, which the grammar matches on.
    let text: String
    /// The value of a whole number ("3", "three", "twenty one"), if the word is one.
    let number: Int?
    /// Whether the word stood inside quotation marks: quoted text is reported, not asked for.
    var quoted = false

    init(raw: String, text: String? = nil, number: Int? = nil) {
        self.raw = raw
        self.text = text ?? raw.lowercased()
        self.number = number
    }

    /// Whether the token ends a sentence or separates commands: ".", "?", "!", ";", "&&", "||", "|".
    var isSentenceEnd: Bool { Tokenizer.sentenceEnds.contains(text) }

    /// Whether the word looks like a number, whole or not ("3", "-1", "2.5").
    var isNumeric: Bool {
        number != nil || (!text.isEmpty && text.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" } && text.contains { $0.isNumber })
    }

    /// The word as a whole number, or an error saying why it is not one.
    func wholeNumber(for what: String) throws(ValueError) -> Int {
        if let number { return number }
        if text.drop(while: { $0 == "-" }).allSatisfy(\.isNumber) {
            throw ValueError(problem: "\(raw) is far too large for a \(what).", remedy: "Use a realistic whole number such as 3.")
        }
        throw ValueError(problem: "\"\(raw)\" is not a usable \(what): it must be a whole number.",
                         remedy: "Use a whole number such as 3.")
    }
}

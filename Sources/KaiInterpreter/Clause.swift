/// The tokens of one clause ("scale backend to 2") and which of them the grammar has used.
///
/// Readers mark the words they understood as used; whatever is left names the target.
struct Clause {
    let tokens: [Token]
    /// The clause's words, for asking whether it has one without walking the tokens.
    private let words: Set<String>
    private(set) var used: Set<Int> = []
    /// Whether the sentence the clause belongs to ended with a question mark.
    var isQuestion = false
    /// Which sentence of the request the clause belongs to, counted from 0.
    var sentence = 0

    init(_ tokens: [Token], isQuestion: Bool = false, sentence: Int = 0) {
        self.tokens = tokens
        self.words = Set(tokens.map(\.text))
        self.isQuestion = isQuestion
        self.sentence = sentence
    }

    /// The clause as the person wrote it.
    var rawText: String { tokens.map(\.raw).joined(separator: " ") }

    var count: Int { tokens.count }

    subscript(index: Int) -> Token? { tokens.indices.contains(index) ? tokens[index] : nil }

    /// The lowercased word at `index`, or "" past either end.
    func text(_ index: Int) -> String { self[index]?.text ?? "" }

    func contains(_ word: String) -> Bool { words.contains(word) }
    func containsAny(_ words: Set<String>) -> Bool { !self.words.isDisjoint(with: words) }
    func firstIndex(of words: Set<String>) -> Int? { tokens.firstIndex { words.contains($0.text) } }

    /// Where the words of `phrase` stand one after the other, if they do.
    func index(ofPhrase phrase: [String]) -> Int? {
        guard let first = phrase.first, words.contains(first), tokens.count >= phrase.count else { return nil }
        return (0...(tokens.count - phrase.count)).first { start in
            phrase.indices.allSatisfy { tokens[start + $0].text == phrase[$0] }
        }
    }

    func hasPhrase(_ phrase: String) -> Bool { index(ofPhrase: phrase.split(separator: " ").map(String.init)) != nil }

    var hasNumber: Bool { tokens.contains { $0.isNumeric } }

    func isUsed(_ index: Int) -> Bool { used.contains(index) }

    mutating func use(_ indices: Int...) { for index in indices where tokens.indices.contains(index) { used.insert(index) } }
    mutating func use(_ range: Range<Int>) { for index in range where tokens.indices.contains(index) { used.insert(index) } }

    /// Marks every occurrence of `words` as used.
    mutating func useAll(_ words: Set<String>) {
        for index in tokens.indices where words.contains(tokens[index].text) { used.insert(index) }
    }

    /// The first unused number after `index`, skipping filler like "the" and "a total of".
    func number(after index: Int, skipping filler: Set<String> = ["the", "to", "of", "=", "is", "be"]) -> Int? {
        var position = index + 1
        while let token = self[position], !token.isNumeric, filler.contains(token.text) { position += 1 }
        guard let token = self[position], token.isNumeric, !used.contains(position) else { return nil }
        return position
    }
}

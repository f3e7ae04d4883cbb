import Foundation
import KaiCore

/// The deterministic, offline interpreter: maps the everyday ways people phrase catalog
/// operations to draft steps, refuses what the catalog does not do, and says when it is
/// not sure instead of guessing.
///
/// ```swift
/// let result = try LocalGrammar().interpret("restart frontend and scale backend to 2")
/// // .steps([restart frontend, scale backend to exactly 2])
/// ```
public struct LocalGrammar: Sendable {
    /// A grammar with the built-in vocabulary.
    public init() {}

    /// Interprets `request`. Throws when a value in it is malformed or out of range ("scale to -1").
    ///
    /// With a `vocabulary` (the cluster's names), names are spotted wherever they stand, misspellings of
    /// names and operation words are read as the closest one, and words that name nothing are ignored
    /// (and said) rather than taken for names.
    public func interpret(_ request: String, vocabulary: Vocabulary? = nil) throws(ValueError) -> Interpretation {
        let tokens = Self.requestTokens(request)
        guard !tokens.isEmpty else { return .unsure("the request has no words kai can read") }
        let (corrected, spellingNotes) = TypoReader.correct(tokens, vocabulary: vocabulary)
        let clauses = Self.clauses(of: corrected)
        var reading = RequestReading(vocabulary: vocabulary, clauseCount: clauses.count)
        reading.notes = spellingNotes
        for clause in clauses {
            if let settled = try reading.read(clause) { return settled }
        }
        return try reading.result()
    }

    /// The words of `request` as the grammar reads them: a leading "kubectl", greeting or "please",
    /// and a leading sentence end, ask for nothing.
    static func requestTokens(_ request: String) -> [Token] {
        let preamble: Set<String> = ["kubectl", "k", "kai", "hey", "hi", "ok", "okay", "so", "please"]
        return Array(Tokenizer.tokenize(request).drop { preamble.contains($0.text) || $0.isSentenceEnd })
    }

    /// Splits at a conjunction only where a new request begins ("… and restart frontend"),
    /// so "frontend and backend" and "between 2 and 5" stay whole.
    static func clauses(of tokens: [Token]) -> [Clause] {
        let skippable: Set<String> = ["please", "then", "also", "after", "that", "finally", "next", "afterwards", ",", ";", "and", "&", "+", "plus", "just", "only"]
        var clauses: [Clause] = []
        var current: [Token] = []
        var sentenceStart = 0
        var sentence = 0
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.isSentenceEnd {
                if !current.isEmpty { clauses.append(Clause(current, sentence: sentence)) }
                sentence += 1
                // Every clause of a sentence that ends with "?" belongs to the question.
                if token.text == "?" { for earlier in sentenceStart..<clauses.count { clauses[earlier].isQuestion = true } }
                sentenceStart = clauses.count
                current = []
                index += 1
                continue
            }
            if Lexicon.contrasts.contains(token.text), !current.isEmpty {
                clauses.append(Clause(current, sentence: sentence))
                current = [token]
                index += 1
                continue
            }
            if Lexicon.conjunctions.contains(token.text), !current.isEmpty {
                var next = index
                while next < tokens.count, skippable.contains(tokens[next].text) { next += 1 }
                // A lone trailing word ("…, why") belongs to the clause before it.
                let rest = tokens[next...].prefix { !Lexicon.conjunctions.contains($0.text) }.count
                if next < tokens.count, rest > 1, Lexicon.clauseStarters.contains(tokens[next].text) {
                    clauses.append(Clause(current, sentence: sentence))
                    current = []
                    index = next
                    continue
                }
            }
            current.append(token)
            index += 1
        }
        if !current.isEmpty { clauses.append(Clause(current, sentence: sentence)) }
        return clauses
    }
}

import KaiCore

/// Reads a misspelled operation word or name ("restrat", "fronend") as the word it is closest to,
/// and says so, so the person sees what kai understood before confirming.
enum TypoReader {
    /// Operation words a misspelling may be read as.
    static let operationWords: Set<String> = Lexicon.restart.union(Lexicon.rollback).union(Lexicon.autoscale)
        .union(["scale", "delete", "logs", "events", "diagnose", "describe", "troubleshoot", "investigate", "history",
                "rollout", "deployment", "deployments", "replicas", "image", "revision", "previous", "namespace", "status"])
        .filter { $0.count >= 5 && $0.allSatisfy(\.isLetter) }

    /// Real words that sit one letter from an operation word and must stay what they are.
    private static let englishWords: Set<String> = [
        "stale", "scare", "scalp", "store", "stole", "evens", "dialog", "lease", "leases", "delta", "relate", "related",
        "restore", "restored", "statue", "states", "revisit", "release", "deployer", "retry", "retried", "describes",
    ]

    /// Words that are never misspellings: the grammar's own and the real words above.
    private static let knownWords = Lexicon.nonTargetWords.union(englishWords)

    /// The tokens with misspellings read as the words they stand for, and a note for each.
    static func correct(_ tokens: [Token], vocabulary: Vocabulary?) -> (tokens: [Token], notes: [String]) {
        let names = Set((vocabulary?.names ?? []).filter { $0.allowsCloseSpelling && $0.kind == .deployment }.map(\.word))
            .union(vocabulary?.namespaces ?? [])
        let vocabularyWords = Set((vocabulary?.names ?? []).map(\.word)).union(vocabulary?.namespaces ?? [])
        let anywhere = operationWords.union(names)
        var corrected = tokens
        var notes: [String] = []
        for index in tokens.indices {
            let token = tokens[index]
            guard token.number == nil, token.text.count >= 4, !knownWords.contains(token.text), !vocabularyWords.contains(token.text),
                  !token.text.contains(where: \.isNumber) else { continue }
            let atStart = index == 0 || tokens[index - 1].isSentenceEnd || tokens[index - 1].text == ","
            guard let word = CloseSpelling.correction(of: token.text, among: token.text.count >= 6 || atStart ? anywhere : names) else { continue }
            var replacement = Token(raw: token.raw, text: word)
            replacement.quoted = token.quoted
            corrected[index] = replacement
            notes.append("read \"\(token.raw)\" as \"\(word)\"")
        }
        return (corrected, notes)
    }
}

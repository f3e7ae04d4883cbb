import Foundation
/// Splits a request into tokens: lowercased words with contractions expanded, punctuation
/// peeled off, kubectl's `kind/name` and `--flag=value` split, and number words merged.
enum Tokenizer {
    /// Separators that stay tokens of their own, because they split clauses and target lists.
    static let separators: Set<String> = [",", ";"]
    /// Marks that end a sentence or separate shell commands: a clause never runs across one.
    static let sentenceEnds: Set<String> = [".", "?", "!", ";", "&&", "||", "|", "+"]
    /// Abbreviations whose full stop does not end a sentence.
    private static let abbreviations: Set<String> = ["vs", "e.g", "i.e", "etc", "approx"]

    static func tokenize(_ request: String) -> [Token] {
        var words: [String] = []
        var quotedWords: Set<Int> = []
        var openQuote: Character?
        let cleaned = request.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
            .replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2014}", with: " ; ").replacingOccurrences(of: " \u{2013} ", with: " ; ")
            .replacingOccurrences(of: "&&", with: " && ").replacingOccurrences(of: "||", with: " || ")
        for piece in cleaned.split(whereSeparator: \.isWhitespace) {
            let piece = asciiDigits(String(piece))
            let opens = openQuote == nil ? piece.first.flatMap { "\"'`".contains($0) ? $0 : nil } : nil
            if let opens { openQuote = opens }
            let start = words.count
            words += split(piece)
            if openQuote != nil { quotedWords.formUnion(start..<words.count) }
            let closing = piece.reversed().drop { ",;?!.:)]}".contains($0) }.first
            if let quote = openQuote, closing == quote, opens == nil || piece.count > 1 { openQuote = nil }
        }
        var kept: [Word] = []
        for (index, word) in words.enumerated() where isWord(word) { kept.append(Word(text: word, quoted: quotedWords.contains(index))) }
        // A request quoted as a whole is not a quotation inside a request.
        if kept.allSatisfy(\.quoted) { kept = kept.map { Word(text: $0.text, quoted: false) } }
        return mergeNumberWords(mergePhrases(kept))
    }

    /// A word before it becomes a token, and whether it stood inside quotation marks.
    private struct Word {
        let text: String
        let quoted: Bool
    }

    /// Kinds spelled as several words become the one word kubectl uses: "horizontal pod autoscalers" -> "hpa".
    private static let phrases: [([String], String)] = [
        (["horizontal", "pod", "autoscalers"], "hpa"), (["horizontal", "pod", "autoscaler"], "hpa"),
        (["replica", "sets"], "replicasets"), (["replica", "set"], "replicaset"),
        (["config", "maps"], "configmaps"), (["config", "map"], "configmap"),
    ]

    private static func mergePhrases(_ words: [Word]) -> [Word] {
        var merged: [Word] = []
        var index = 0
        outer: while index < words.count {
            for (phrase, word) in phrases where index + phrase.count <= words.count
                && zip(words[index..<index + phrase.count], phrase).allSatisfy({ $0.text.lowercased() == $1 }) {
                merged.append(Word(text: word, quoted: words[index].quoted))
                index += phrase.count
                continue outer
            }
            merged.append(words[index])
            index += 1
        }
        return merged
    }

    /// Keeps words with a letter or digit, and the symbols the grammar reads; drops emoji and stray punctuation.
    private static func isWord(_ word: String) -> Bool {
        word.contains { $0.isLetter || $0.isNumber } || separators.contains(word) || sentenceEnds.contains(word) || ["&", "+", "%", "="].contains(word)
    }

    /// "３" -> "3": digits from any script become ASCII digits, so they are read as numbers.
    private static func asciiDigits(_ word: String) -> String {
        String(word.map { character in
            guard !character.isASCII, character.isNumber, let value = character.wholeNumberValue, (0...9).contains(value) else { return character }
            return Character(String(value))
        })
    }

    /// One whitespace-separated piece -> its words and separators; a trailing "?", "!" or "." ends the sentence.
    private static func split(_ piece: String) -> [String] {
        if sentenceEnds.contains(piece) { return [piece] }
        var word = Substring(piece)
        var trailing: [String] = []
        var end: String?
        word = word.drop { "\"'`([{".contains($0) }
        while let last = word.last, ",;?!.:)]}\"'`".contains(last) {
            if last == "," || last == ";" { trailing.insert(String(last), at: 0) }
            if last == "?" { end = "?" } else if (last == "!" || last == ".") && end == nil { end = "." }
            word = word.dropLast()
        }
        if end == ".", abbreviations.contains(word.lowercased()) { end = nil }
        var words = expand(String(word))
        words += trailing
        if let end { words.append(end) }
        return words
    }

    /// Contractions, possessives, `kind/name` and `--flag=value`.
    private static func expand(_ word: String) -> [String] {
        let lower = word.lowercased()
        if let equals = word.firstIndex(of: "="),
           lower.hasPrefix("--") || ["min", "max", "cpu", "replicas", "tail", "since", "revision"].contains(String(lower[..<equals])) {
            return [String(word[..<equals]), String(word[word.index(after: equals)...])]
        }
        if let slash = lower.firstIndex(of: "/"), ResourceWord.isKindPrefix(String(lower[..<slash])) {
            return [String(word[..<slash]), String(word[word.index(after: slash)...])]
        }
        if lower.hasSuffix("n't") {
            let stem = lower.dropLast(3)
            let base = ["ca": "can", "wo": "will", "sha": "shall"][String(stem)] ?? String(stem)
            return [base, "not"]
        }
        for (suffix, expansion) in [("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "am")] where lower.hasSuffix(suffix) {
            return [String(word.dropLast(suffix.count)), expansion]
        }
        if lower.hasSuffix("'s") {
            let stem = String(word.dropLast(2))
            let verbal: Set<String> = ["what", "it", "that", "there", "here", "who", "where", "how", "let", "he", "she"]
            return verbal.contains(stem.lowercased()) ? [stem, stem.lowercased() == "let" ? "us" : "is"] : [stem]
        }
        if lower.hasSuffix("'"), lower.count > 1 { return [String(word.dropLast())] }
        return [word]
    }

    /// "3", "-1", "007": an optional minus, then ASCII digits only.
    private static func isIntegerLiteral(_ word: String) -> Bool {
        let digits = word.hasPrefix("-") ? word.dropFirst() : Substring(word)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Turns digits and spelled-out numbers into tokens carrying their value.
    private static func mergeNumberWords(_ words: [Word]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < words.count {
            let lower = words[index].text.lowercased()
            var token = Token(raw: words[index].text, number: isIntegerLiteral(lower) ? Int(lower) : nil)
            var next = index + 1
            if NumberWords.isNumberWord(lower) {
                var end = index
                while end + 1 < words.count, NumberWords.isNumberWord(words[end + 1].text.lowercased()) { end += 1 }
                let run = words[index...end].map { $0.text.lowercased() }
                if let value = NumberWords.value(of: run) {
                    token = Token(raw: words[index...end].map(\.text).joined(separator: " "), text: run.joined(separator: " "), number: value)
                    next = end + 1
                }
            }
            token.quoted = words[index].quoted
            tokens.append(token)
            index = next
        }
        return tokens
    }
}

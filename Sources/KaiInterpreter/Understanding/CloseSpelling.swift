/// How far apart two spellings are, and which misspellings kai reads as a word it knows.
///
/// The distance is the optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of two neighbouring letters each count one ("restrat" is 1 from "restart").
enum CloseSpelling {
    /// The largest distance at which a word of `length` letters is read as another: none below 4
    /// letters, one up to 7, two from 8.
    static func tolerance(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4...7: 1
        default: 2
        }
    }

    /// The optimal string alignment distance between `a` and `b`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { best = min(best, rows[i - 2][j - 2] + 1) }
                rows[i][j] = best
            }
        }
        return rows[a.count][b.count]
    }

    /// The one word of `candidates` that `word` is a misspelling of: same first letter, within the
    /// tolerance for its length, and strictly closer than any other candidate; nil otherwise.
    static func correction(of word: String, among candidates: Set<String>) -> String? {
        guard let first = word.first, word.count >= 4, word.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
        let limit = tolerance(forLength: word.count)
        var best: (word: String, distance: Int)?
        var tied = false
        for candidate in candidates where candidate.first == first && abs(candidate.count - word.count) <= limit {
            let distance = distance(word, candidate)
            guard distance <= limit, distance <= tolerance(forLength: candidate.count) else { continue }
            if let current = best, distance >= current.distance {
                tied = tied || distance == current.distance
                continue
            }
            best = (candidate, distance)
            tied = false
        }
        return tied ? nil : best?.word
    }
}

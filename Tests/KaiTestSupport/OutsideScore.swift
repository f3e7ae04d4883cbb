/// How many requests of a corpus were planned right, per class.
public struct OutsideScore: Sendable {
    /// A request planned wrong, and how.
    public struct Miss: Sendable {
        public let entry: CorpusEntry
        public let why: String
    }

    public private(set) var right = 0
    public private(set) var total = 0
    /// Right and total per class, in the order classes first appear.
    public private(set) var perClass: [(name: String, right: Int, total: Int)] = []
    public private(set) var misses: [Miss] = []

    /// Scores `entries`, each observed by `observe`.
    public init(_ entries: [CorpusEntry], observe: (CorpusEntry) -> ObservedOutcome) {
        for entry in entries {
            let mismatch = entry.mismatch(observe(entry))
            let name = entry.category ?? "unclassed"
            if !perClass.contains(where: { $0.name == name }) { perClass.append((name, 0, 0)) }
            guard let index = perClass.firstIndex(where: { $0.name == name }) else { continue }
            perClass[index].total += 1
            total += 1
            if let mismatch {
                misses.append(Miss(entry: entry, why: mismatch))
            } else {
                perClass[index].right += 1
                right += 1
            }
        }
    }

    /// The share planned right, 0...1.
    public var share: Double { total == 0 ? 0 : Double(right) / Double(total) }

    /// "312/362 (86%); paraphrase 50/54, mention 85/85, …".
    public var table: String {
        "\(right)/\(total) (\(Int((share * 100).rounded()))%); " + perClass.map { "\($0.name) \($0.right)/\($0.total)" }.joined(separator: ", ")
    }
}

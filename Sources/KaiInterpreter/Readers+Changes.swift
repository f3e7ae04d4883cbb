import KaiCore

extension ClauseParser {
    /// "to revision 2", "revision 2", "rev 2", "--to-revision=2", "to 2".
    mutating func readRevision() throws(ValueError) -> Revision? {
        if let word = clause.firstIndex(of: ["revision", "rev", "--to-revision", "version"]), let position = clause.number(after: word) {
            clause.use(word, position)
            return try Revision(clause.tokens[position].wholeNumber(for: "revision"))
        }
        if let to = clause.firstIndex(of: ["to"]), let position = clause.number(after: to) {
            clause.use(to, position)
            return try Revision(clause.tokens[position].wholeNumber(for: "revision"))
        }
        return nil
    }

    /// The image reference in the clause ("todo-backend:2.0", "backend=todo-backend:2.0"); a malformed
    /// one after "to" is reported rather than skipped.
    mutating func readImage() throws(ValueError) -> ImageReference? {
        if let index = clause.tokens.indices.first(where: { ImageReference.looksLikeImage(ImageCandidate.text(of: clause.tokens[$0].raw)) }) {
            clause.use(index)
            return try ImageReference(ImageCandidate.text(of: clause.tokens[index].raw))
        }
        if let index = clause.tokens.indices.first(where: { !clause.isUsed($0) && VersionTag.looksLikeVersion(clause.text($0)) }) {
            clause.use(index)
            clause.useAll(["version", "tag", "to"])
            imageTag = clause.tokens[index].raw
            return nil
        }
        guard let to = clause.tokens.indices.last(where: { clause.text($0) == "to" && clause[$0 + 1] != nil }) else { return nil }
        let words = clause.tokens[(to + 1)...].map(\.raw)
        clause.use(to..<clause.count)
        return try ImageReference(words.joined(separator: " "))
    }

    /// "from 1 to 3", "between 2 and 5", "min 2 max 5", "up to 5", "2-5", "at 70% cpu", "--cpu-percent=70".
    mutating func readAutoscale() throws(ValueError) -> AutoscaleBounds? {
        let cpu = try readCPUPercent() ?? AutoscaleBounds.standardCPUPercent
        var low: Int?
        var high: Int?
        if let word = clause.firstIndex(of: ["min", "minimum", "--min", "least"]), let position = clause.number(after: word) {
            clause.use(word, position)
            low = try clause.tokens[position].wholeNumber(for: "minimum replica count")
        }
        if let word = clause.firstIndex(of: ["max", "maximum", "--max", "most"]), let position = clause.number(after: word) {
            clause.use(word, position)
            high = try clause.tokens[position].wholeNumber(for: "maximum replica count")
        }
        for index in clause.tokens.indices where !clause.isUsed(index) {
            let range = clause.tokens[index].text.split(separator: "-").compactMap { Int($0) }
            if range.count == 2 {
                clause.use(index)
                (low, high) = (range[0], range[1])
            }
        }
        let numbers = clause.tokens.indices.filter { clause.tokens[$0].isNumeric && !clause.isUsed($0) }
        if high == nil, numbers.count >= 2 {
            low = try clause.tokens[numbers[0]].wholeNumber(for: "minimum replica count")
            high = try clause.tokens[numbers[1]].wholeNumber(for: "maximum replica count")
            clause.use(numbers[0], numbers[1])
            clause.useAll(["from", "to", "between", "and"])
        } else if high == nil, let only = numbers.first {
            high = try clause.tokens[only].wholeNumber(for: "maximum replica count")
            clause.use(only)
            clause.useAll(["to", "up"])
        }
        guard let high else { return nil }
        return try AutoscaleBounds(min: ReplicaCount(low ?? 1), max: ReplicaCount(high), cpuPercent: cpu)
    }

    private mutating func readCPUPercent() throws(ValueError) -> Int? {
        for index in clause.tokens.indices {
            let text = clause.tokens[index].text
            if text.hasSuffix("%"), let value = Int(text.dropLast()) {
                clause.use(index)
                clause.useAll(["cpu", "at", "target", "utilization", "utilisation"])
                return value
            }
            if let value = clause.tokens[index].number, ["percent", "%", "pct"].contains(clause.text(index + 1)) {
                clause.use(index, index + 1)
                clause.useAll(["cpu", "at", "target"])
                return value
            }
            if ["--cpu-percent", "cpu"].contains(text), let position = clause.number(after: index, skipping: ["at", "of", "="]) {
                clause.use(index, position)
                return try clause.tokens[position].wholeNumber(for: "CPU percentage")
            }
        }
        return nil
    }
}

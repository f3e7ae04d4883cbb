import KaiCore

extension ClauseParser {
    /// "to 3", "3 replicas", "up by one", "down", "two more", "add a replica", "stop" (to 0).
    mutating func readReplicas() throws(ValueError) -> ReplicaRequest? {
        let up: Set<String> = ["up", "increase", "raise", "grow", "more", "add", "another", "extra", "higher"]
        let down: Set<String> = ["down", "decrease", "reduce", "lower", "shrink", "fewer", "less", "remove", "drop"]
        if clause.containsAny(Lexicon.stop) || clause.hasPhrase("shut down") || clause.hasPhrase("turn off")
            || clause.hasPhrase("take down") || clause.hasPhrase("spin down") {
            clause.useAll(Lexicon.stop.union(["shut", "turn", "off", "take", "spin", "down"]))
            return .exactly(try ReplicaCount(0))
        }
        let factors: [String: (Int, Int)] = ["double": (2, 1), "triple": (3, 1), "halve": (1, 2), "half": (1, 2)]
        if let index = clause.firstIndex(of: Set(factors.keys)), let factor = factors[clause.text(index)] {
            clause.use(index)
            return .proportional(numerator: factor.0, denominator: factor.1)
        }
        if let to = clause.firstIndex(of: ["to", "=", "--replicas", "at"]), let position = clause.number(after: to) {
            clause.use(to, position)
            if let from = clause.firstIndex(of: ["from"]), let old = clause.number(after: from) { clause.use(from, old) }
            return .exactly(try ReplicaCount(clause.tokens[position].wholeNumber(for: "replica count")))
        }
        let direction: Int? = clause.containsAny(up) ? 1 : clause.containsAny(down) ? -1 : nil
        if let by = clause.firstIndex(of: ["by"]), let percent = clause[by + 1]?.text, percent.hasSuffix("%"),
           let value = Int(percent.dropLast()), value > 0 {
            // "scale up by 100%", "down by 50%": a share of the current count.
            clause.use(by, by + 1)
            clause.useAll(up.union(down))
            return .proportional(numerator: 100 + (direction ?? 1) * value, denominator: 100)
        }
        if let by = clause.firstIndex(of: ["by"]), let sign = direction {
            if let position = clause.number(after: by) {
                clause.use(by, position)
                return .relative(sign * (try clause.tokens[position].wholeNumber(for: "replica count")))
            }
            if ["a", "an", "one"].contains(clause.text(by + 1)) {
                clause.use(by, by + 1)
                return .relative(sign)
            }
        }
        let numbers = clause.tokens.indices.filter { clause.tokens[$0].isNumeric && !clause.isUsed($0) }
        if let sign = direction {
            clause.useAll(up.union(down))
            guard let position = numbers.first else {
                clause.useAll(["a", "an"])
                return .relative(sign)
            }
            clause.use(position)
            return .relative(sign * (try clause.tokens[position].wholeNumber(for: "replica count")))
        }
        guard let position = numbers.first else { return nil }
        clause.use(position)
        return .exactly(try ReplicaCount(clause.tokens[position].wholeNumber(for: "replica count")))
    }
}

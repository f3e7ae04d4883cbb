/// Reads time spans: "5m", "1h30m", "10 minutes", "an hour", "half an hour", "last day".
enum DurationReader {
    static let unitSeconds: [String: Int] = [
        "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
        "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
        "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
        "d": 86400, "day": 86400, "days": 86400, "w": 604_800, "week": 604_800, "weeks": 604_800,
    ]

    /// A duration found in `clause`: its length in seconds and the tokens it spans.
    struct Found {
        let seconds: Int
        let range: Range<Int>
    }

    /// The first duration in the clause, if any.
    static func find(in clause: Clause) -> Found? {
        for index in clause.tokens.indices where !clause.isUsed(index) {
            if let found = read(clause, at: index) { return found }
        }
        return nil
    }

    private static func read(_ clause: Clause, at index: Int) -> Found? {
        let text = clause.text(index)
        if let seconds = compact(text) { return Found(seconds: seconds, range: index..<index + 1) }
        if text == "half", ["an", "a"].contains(clause.text(index + 1)), clause.text(index + 2) == "hour" {
            return Found(seconds: 1800, range: index..<index + 3)
        }
        if ["an", "a"].contains(text), let unit = unitSeconds[clause.text(index + 1)], clause.text(index + 1).count > 2 {
            return Found(seconds: unit, range: index..<index + 2)
        }
        if ["last", "past"].contains(text), let unit = unitSeconds[clause.text(index + 1)], clause.text(index + 1).count > 2,
           !clause.text(index + 1).hasSuffix("s") {
            return Found(seconds: unit, range: index + 1..<index + 2)
        }
        guard let number = clause[index]?.number, let unit = unitSeconds[clause.text(index + 1)] else { return nil }
        var seconds = number * unit
        var end = index + 2
        // "1 hour 30 minutes", "1 hour and 30 minutes"
        let gap = clause.text(end) == "and" ? 1 : 0
        if let more = clause[end + gap]?.number, let nextUnit = unitSeconds[clause.text(end + gap + 1)], nextUnit < unit {
            seconds += more * nextUnit
            end += gap + 2
        }
        return Found(seconds: seconds, range: index..<end)
    }

    /// "90s", "5m", "1h30m", "2d": digits and unit letters run together.
    static func compact(_ text: String) -> Int? {
        var total = 0, digits = "", unit = "", sawPair = false
        func flush() -> Bool {
            guard let value = Int(digits), let seconds = unitSeconds[unit] else { return false }
            total += value * seconds
            digits = ""
            unit = ""
            sawPair = true
            return true
        }
        for character in text {
            if character.isASCII && character.isNumber {
                if !unit.isEmpty, !flush() { return nil }
                digits.append(character)
            } else if character.isLetter, !digits.isEmpty {
                unit.append(character)
            } else {
                return nil
            }
        }
        guard !digits.isEmpty || !unit.isEmpty else { return sawPair ? total : nil }
        return flush() ? total : nil
    }
}

/// Durations as people write them in files and tool calls: "120", "120s", "2m", "1h30m".
public enum DurationText {
    /// The whole seconds `text` stands for; nil when it is not a duration.
    public static func seconds(_ text: String) -> Int? {
        let trimmed = text.trimmed
        if let plain = Int(trimmed) { return plain }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var total = 0
        var digits = ""
        for character in trimmed {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let number = Int(digits) {
                total += number * unit
                digits = ""
            } else {
                return nil
            }
        }
        return digits.isEmpty && !trimmed.isEmpty ? total : nil
    }
}

extension StringProtocol {
    /// The text without white space at either end.
    var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

extension Duration {
    /// "30 s", "1.5 s", "250 ms".
    public var secondsText: String {
        let milliseconds = Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(Double(milliseconds) / 1000) s"
    }
}

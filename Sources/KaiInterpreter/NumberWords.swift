/// Numbers written as words: "three", "twenty one", "twenty-one", "two hundred", "a dozen".
enum NumberWords {
    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
        "once": 1, "twice": 2, "single": 1, "couple": 2, "pair": 2,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let scales: [String: Int] = ["hundred": 100, "thousand": 1_000]

    /// Whether `word` is part of a spelled-out number.
    static func isNumberWord(_ word: String) -> Bool {
        units[word] != nil || tens[word] != nil || scales[word] != nil
            || word.split(separator: "-").count == 2 && word.split(separator: "-").allSatisfy { isNumberWord(String($0)) }
    }

    /// The value of a run of number words, or nil if they do not form a number.
    static func value(of words: [String]) -> Int? {
        var total = 0, current = 0, sawAny = false
        for word in words.flatMap({ $0.split(separator: "-").map(String.init) }) {
            if let unit = units[word] {
                current += unit
            } else if let ten = tens[word] {
                current += ten
            } else if let scale = scales[word] {
                current = max(current, 1) * scale
                if scale >= 1_000 {
                    total += current
                    current = 0
                }
            } else {
                return nil
            }
            sawAny = true
        }
        return sawAny ? total + current : nil
    }
}

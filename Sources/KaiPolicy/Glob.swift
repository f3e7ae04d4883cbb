/// Shell-style name patterns where `*` matches any run of characters: `todo-chatbot-*`.
enum Glob {
    /// Whether `name` matches `pattern` as a whole.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        matches(Array(pattern), Array(name))
    }

    private static func matches(_ pattern: [Character], _ name: [Character]) -> Bool {
        // Classic two-pointer wildcard matching with backtracking to the last star.
        var p = 0, n = 0, star = -1, mark = 0
        while n < name.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == name[n] {
                p += 1
                n += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = n
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                n = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

/// How many of the most recent log lines to show (`kubectl logs --tail`).
public struct TailLines: Sendable, Hashable, CustomStringConvertible {
    /// Lines shown when the request names no number.
    public static let standard = TailLines(checked: 100)
    /// More than this is a wall of text, not an answer; ask for a time window instead.
    public static let maximum = 50_000

    public let value: Int

    /// Validates `value`: from 1 to ``maximum``.
    public init(_ value: Int) throws(ValueError) {
        guard value >= 1 else {
            throw ValueError(problem: "\(value) is not a number of log lines: it must be at least 1.",
                             remedy: "Ask for the last 100 lines, for example.")
        }
        guard value <= Self.maximum else {
            throw ValueError(problem: "\(value) log lines is more than kai shows at once (at most \(Self.maximum)).",
                             remedy: "Ask for fewer lines or for a time window such as \"since 10m\".")
        }
        self.value = value
    }

    private init(checked value: Int) { self.value = value }

    public var description: String { String(value) }
}

/// How far back to read logs (`kubectl logs --since`), in whole seconds.
public struct LogWindow: Sendable, Hashable, CustomStringConvertible {
    /// Thirty days: older lines are gone from any node's log rotation anyway.
    public static let maximumSeconds = 30 * 24 * 3600

    public let seconds: Int

    /// Validates `seconds`: from 1 second to 30 days.
    public init(seconds: Int) throws(ValueError) {
        guard seconds >= 1 else {
            throw ValueError(problem: "A log window of \(seconds) seconds is empty.",
                             remedy: "Ask for a window such as \"since 5m\" or \"last 2 hours\".")
        }
        guard seconds <= Self.maximumSeconds else {
            throw ValueError(problem: "A log window of \(seconds) seconds is longer than 30 days.",
                             remedy: "Ask for at most 30 days of logs.")
        }
        self.seconds = seconds
    }

    /// The window as a person would write it: `90` reads "1m30s".
    public var description: String {
        var rest = seconds
        var text = ""
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }
}

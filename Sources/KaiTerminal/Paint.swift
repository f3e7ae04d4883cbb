import Foundation
import KaiCore

/// Colour for text shown on a terminal. It is on only when the stream is a terminal, `NO_COLOR`
/// is unset or empty and `TERM` is not `dumb`; everywhere else text stays plain, so pipes, files
/// and `-o json` never carry escape codes.
public struct Paint: Sendable {
    public let enabled: Bool

    /// Paint that leaves text as it is.
    public static let plain = Paint(enabled: false)
    /// For what goes to standard output.
    public static let standardOutput = Paint(stream: STDOUT_FILENO)
    /// For what goes to standard error: prompts, progress, errors.
    public static let standardError = Paint(stream: STDERR_FILENO)

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Paint for file descriptor `stream` in `environment`.
    public init(stream: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) {
        enabled = isatty(stream) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    public func red(_ text: String) -> String { wrap(text, "31") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }

    /// A step's risk tag: reads dim, changes yellow, disruptive steps bold red.
    public func risk(_ risk: Risk) -> String {
        let tag = "[\(risk.rawValue)]"
        switch risk {
        case .read: return dim(tag)
        case .change: return yellow(tag)
        case .disruptive: return bold(red(tag))
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

import Foundation

/// Lines appended to a component's logs (`--log-line backend=TEXT`, or at run time
/// `POST /kai-sandbox/v1/logs/backend` `{"lines": [...]}`), as if its software wrote them: a
/// running container writes them at once, and every container of the component that starts
/// later writes them right after its startup lines, as an app logs what it reads at start (a
/// task's title, say). Tests use them to show that what a log says is only ever data.
public actor LogBook {
    private var lines: [String: [InjectedLine]] = [:]

    /// A book with `lines` (component -> texts) written from the start.
    public init(_ lines: [String: [String]] = [:]) {
        for (component, texts) in lines { self.lines[component] = texts.map { InjectedLine(time: .distantPast, text: $0) } }
    }

    /// Appends `texts` to `component`'s logs, written at `time`.
    public func append(_ texts: [String], to component: String, at time: Date = Date()) {
        lines[component, default: []] += texts.map { InjectedLine(time: time, text: $0) }
    }

    /// Ends what was appended to `component`.
    public func clear(_ component: String) { lines[component] = nil }

    /// What was appended to `component`, oldest first.
    public func lines(for component: String) -> [InjectedLine] { lines[component] ?? [] }

    /// Every component's appended texts.
    public var all: [String: [String]] { lines.mapValues { $0.map(\.text) } }

    /// Parses `COMPONENT=TEXT`.
    public static func parse(_ text: String) -> (component: String, line: String)? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }
}

/// One appended line and when it was appended (`distantPast` for lines there from the start).
public struct InjectedLine: Sendable, Hashable {
    public let time: Date
    public let text: String
}

import Foundation
import KaiTestSupport

/// kai's REPL on a pseudo-terminal (util-linux `script`), typed into as a person would: each key
/// sequence is sent once what the person waits for has been shown, never after a fixed pause.
struct TerminalSession {
    /// What a person does: type keys, or wait until something is shown (or holds) before going on.
    enum Step: Sendable {
        /// Types these characters (`\r` is Enter, `\u{03}` Ctrl-C, `\u{04}` Ctrl-D).
        case keys(String)
        /// Waits until the text appears in what kai shows after the last keys typed.
        case until(String)
        /// Waits until the condition holds (something outside the terminal, a server's log say).
        case when(@Sendable () async -> Bool)
    }

    struct Stalled: Error, CustomStringConvertible {
        let description: String
    }

    /// How long one wait may last before the session is declared stuck: a liveness bound, not a measure of speed.
    static let patience: Duration = .seconds(120)

    /// Starts `kai arguments…` at a terminal with `environment`, waits for its first prompt (text
    /// starting with `promptPrefix`), performs `steps` and returns everything the terminal showed.
    static func run(_ environment: [String: String], arguments: [String] = [], promptPrefix: String = "kai (",
                    steps: [Step]) async throws -> ChildProcess.Result {
        let folder = try KaiProcess.temporaryDirectory()
        let keysPath = folder.appendingPathComponent("keys").path
        let typescript = folder.appendingPathComponent("typescript")
        guard mkfifo(keysPath, 0o600) == 0 else { throw Stalled(description: "cannot make the fifo \(keysPath)") }
        // Read-write: opening never blocks, and `script` sees the end of input only when this closes.
        let keys = open(keysPath, O_RDWR)
        guard keys >= 0 else { throw Stalled(description: "cannot open the fifo \(keysPath)") }
        var keysOpen = true
        defer { if keysOpen { close(keys) } }
        let kai = "'" + ([KaiProcess.binary.path] + arguments).joined(separator: " ") + "'"
        let command = "exec script -qefc \(kai) '\(typescript.path)' < '\(keysPath)'"
        return try await ChildProcess.withRunning(URL(fileURLWithPath: "/bin/sh"), ["-c", command], environment: environment) { terminal in
            let shown = { (try? Data(contentsOf: typescript)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
            var mark = 0
            let wait = { (what: String, condition: () async -> Bool) async throws in
                try await Self.wait(for: what, terminal, shown: shown, untilKaiEnds: false, condition)
            }
            try await wait("the first prompt") { shown().contains(promptPrefix) }
            for step in steps {
                switch step {
                case .keys(let text):
                    mark = shown().utf8.count
                    _ = text.utf8CString.withUnsafeBufferPointer { write(keys, $0.baseAddress, $0.count - 1) }
                case .until(let text):
                    try await wait("\"\(text)\"") { String(decoding: Array(shown().utf8).dropFirst(mark), as: UTF8.self).contains(text) }
                case .when(let condition):
                    try await wait("a condition") { await condition() }
                }
            }
            close(keys)
            keysOpen = false
            try await Self.wait(for: "kai to end", terminal, shown: shown, untilKaiEnds: true) { !terminal.isRunning }
            return await terminal.finish()
        }
    }

    /// Waits until `condition` holds; the session outlasting ``patience``, or kai ending first (unless
    /// its end is what is awaited), fails with what was shown.
    private static func wait(for what: String, _ terminal: ChildProcess.Running, shown: () -> String, untilKaiEnds: Bool,
                             _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + patience
        while !(await condition()) {
            guard ContinuousClock.now < deadline, terminal.isRunning || untilKaiEnds else {
                throw Stalled(description: "waited in vain for \(what) at the terminal; it showed:\n\(shown().suffix(3000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

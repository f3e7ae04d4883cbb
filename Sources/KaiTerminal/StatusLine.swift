import Foundation
import Synchronization

/// One live line at the bottom of a terminal (standard error): a spinner while kai waits, and a
/// rollout's "2/3 ready" as it moves. Anything else written to the terminal ends it first, so it
/// never mixes with output or prompts. Off when standard error is not a terminal.
public final class StatusLine: Sendable {
    /// The status line of this process's standard error.
    public static let standardError = StatusLine(live: isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb")

    /// Whether lines are drawn at all.
    public let live: Bool
    private let state = Mutex<State>(State())
    private static let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

    private struct State {
        var text: String?
        var frame = 0
        var ticker: Task<Void, Never>?
    }

    init(live: Bool) {
        self.live = live
    }

    /// Shows `text` with a spinner until something else is written or ``clear()`` is called;
    /// unless `immediately`, only once a spinner frame has passed, so a quick wait never flickers.
    public func show(_ text: String, immediately: Bool = true) {
        guard live else { return }
        let start = state.withLock { state -> Bool in
            state.text = text
            return state.ticker == nil
        }
        if immediately { draw() }
        guard start else { return }
        let ticker = Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(120))
                guard let self, self.advance() else { return }
            }
        }
        state.withLock { $0.ticker = ticker }
    }

    /// Removes the line.
    public func clear() {
        guard live else { return }
        let shown = state.withLock { state -> Bool in
            state.ticker?.cancel()
            state.ticker = nil
            defer { state.text = nil }
            return state.text != nil
        }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    /// Moves the spinner on one frame; false once the line is gone.
    private func advance() -> Bool {
        let active = state.withLock { state -> Bool in
            state.frame += 1
            return state.text != nil
        }
        if active { draw() }
        return active
    }

    private func draw() {
        let line = state.withLock { state in state.text.map { "\r\u{1B}[2K\(Self.frames[state.frame % Self.frames.count]) \(TerminalText.visible($0))" } }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }
}

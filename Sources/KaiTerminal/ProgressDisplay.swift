import KaiExecutor
import Synchronization

/// Shows a followed rollout as it moves: on a terminal one live line with a spinner and the
/// ready count ("Waiting for deployment backend: 2/3 ready — 2 of 3 updated replicas are
/// available"), elsewhere a line each time what it waits for changes.
public final class ProgressDisplay: Sendable {
    let status: StatusLine
    let quiet: Bool
    private let lastLine = Mutex<String?>(nil)

    /// Progress on standard error; nothing at all when `quiet` (machine output).
    public init(quiet: Bool, status: StatusLine = .standardError) {
        self.status = status
        self.quiet = quiet
    }

    /// Shows `update`.
    public func rollout(_ update: RolloutUpdate) {
        guard !quiet else { return }
        guard !status.live else {
            status.show("Waiting for deployment \(update.deployment): \(update.ready)/\(update.desired) ready — \(update.message)")
            return
        }
        let line = update.line
        let repeated = lastLine.withLock { last in
            defer { last = line }
            return last == line
        }
        if !repeated { Console.error(line + "\n") }
    }

    /// A spinner with `text` while kai waits for something that has no progress of its own (a model, a slow API).
    public func waiting(_ text: String) {
        guard !quiet else { return }
        status.show(text, immediately: false)
    }
}

import CLibEdit
import Foundation
import Synchronization

/// Reads lines at the terminal through libedit: editing keys, history kept in a file across
/// sessions, and tab completion from a list of words the caller keeps current.
///
/// libedit's state is global to the process, so there is one editor per process.
public final class LineEditor: Sendable {
    private let historyPath: String

    /// An editor keeping its history in `historyPath` (created with its folder when missing).
    public init(historyPath: String) {
        self.historyPath = historyPath
        try? FileManager.default.createDirectory(atPath: (historyPath as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        stifle_history(1000)
        _ = read_history(historyPath)
        kai_set_completion_entry(completeWord)
    }

    /// Reads one line after showing `prompt` (its control characters made visible), completing from
    /// `words`; nil at end of input (Ctrl-D).
    /// The wait runs on a thread of its own, never on Swift's cooperative pool.
    public func readLine(prompt: String, words: [String]) async -> String? {
        StatusLine.standardError.clear()
        let prompt = TerminalText.visible(prompt)
        Completion.words.withLock { $0 = words }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                guard let line = readline(prompt) else {
                    continuation.resume(returning: nil)
                    return
                }
                defer { free(line) }
                continuation.resume(returning: String(cString: line))
            }
        }
    }

    /// Adds `line` to the history and saves the history file (mode 0600: requests can name things).
    public func remember(_ line: String) {
        _ = add_history(line)
        _ = write_history(historyPath)
        _ = chmod(historyPath, 0o600)
    }
}

/// The words tab completion offers; set before each line is read.
private enum Completion {
    static let words = Mutex<[String]>([])
    static let matches = Mutex<[String]>([])
}

/// libedit's completion entry: called with state 0 for a new word, then 1, 2, … for each further match.
private let completeWord: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { text, state in
    if state == 0 {
        let prefix = text.map { String(cString: $0) } ?? ""
        let words = Completion.words.withLock { $0 }
        Completion.matches.withLock { $0 = words.filter { $0.hasPrefix(prefix) } }
    }
    let match = Completion.matches.withLock { matches in Int(state) < matches.count ? matches[Int(state)] : nil }
    return match.flatMap { strdup($0) }
}

import Foundation
import KaiExecutor

/// Asks the person at the terminal: y/N for changes, the target's name for disruptive steps.
/// Prompts go to standard error so that standard output stays the report (or the JSON document).
public struct TerminalConfirmer: Confirmer {
    /// The REPL's line editor, so that one reader owns the terminal; nil reads standard input.
    let editor: LineEditor?

    /// A confirmer reading answers through `editor`, or from standard input when nil.
    public init(editor: LineEditor? = nil) { self.editor = editor }

    /// A confirmer when standard input is a terminal; nil otherwise (a pipe or a script cannot confirm).
    public static func ifInteractive() -> TerminalConfirmer? {
        isatty(STDIN_FILENO) == 1 ? TerminalConfirmer() : nil
    }

    public func confirmChanges(_ summaries: [String]) async -> Bool {
        let noun = summaries.count == 1 ? "this change" : "these \(summaries.count) changes"
        let answer = await ask("Make \(noun)? [y/N] ")
        return ["y", "yes"].contains(answer?.lowercased() ?? "")
    }

    public func confirmByName(_ name: String, for summary: String, label: String) async -> Bool {
        let paint = Paint.standardError
        Console.error("\(paint.bold(paint.red(label + ":"))) \(summary)\n")
        return await ask("Type \(name) to confirm: ") == name
    }

    /// Reads one line off the cooperative thread pool, so waiting for a person blocks nothing else.
    private func ask(_ prompt: String) async -> String? {
        if let editor { return await editor.readLine(prompt: prompt, words: [])?.trimmingCharacters(in: .whitespaces) }
        Console.error(prompt)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces))
            }
        }
    }
}

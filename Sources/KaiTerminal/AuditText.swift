import KaiCore
import KaiExecutor

/// The audit log for people: `/history`, `kai undo --list`, and what `kai undo` says before its plan.
public enum AuditText {
    /// The newest `limit` changes, one line each, oldest first, then the lines that could not be read.
    ///
    /// `2026-11-25T16:02:11Z  3f2a9c1e  scale todo-chatbot-frontend  replicas 1 -> replicas 3  applied, rollout complete`
    public static func history(_ history: AuditHistory, path: String, limit: Int = 10) -> String {
        var lines = history.changes.suffix(limit).map(line)
        if lines.isEmpty { lines.append("No changes recorded yet in \(path).") }
        if let unreadable = history.unreadableSummary { lines.append("warning: the audit log \(path) has lines kai cannot read: \(unreadable).") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `kai undo --list`: ``history(_:path:limit:)`` and how to pick one.
    public static func list(_ history: AuditHistory, path: String, limit: Int) -> String {
        guard !history.changes.isEmpty else { return Self.history(history, path: path, limit: limit) }
        return Self.history(history, path: path, limit: limit) + "`kai undo ID` proposes putting back the change with that id; `kai undo` the newest one that can be.\n"
    }

    /// `kai undo --list -o json`: the newest `limit` changes and the numbers of the unreadable lines.
    public static func json(_ history: AuditHistory, limit: Int) -> String {
        JSONText.render(HistoryDocument(changes: history.changes.suffix(limit).map(ChangeDocument.init),
                                        unreadableLines: history.unreadable.map(\.number)))
    }

    /// What `kai undo` says before its plan: which change, anything passed over, and drift.
    public static func render(_ proposal: UndoProposal) -> String {
        let change = proposal.change
        var lines = ["Undo change \(change.shortID): \(change.summary), made \(change.record.time) (\(outcome(change)))."]
        lines += proposal.notes.map { "note: \($0)" }
        if let drift = proposal.drift {
            let target = change.record.operation.target?.name ?? change.record.namespace
            lines.append("Changed since: \(target) is not as kai left it: \(drift). Undoing now overwrites that, so it needs \(target) typed to confirm.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "applied, rollout complete", "unknown", "failed".
    static func outcome(_ change: AuditChange) -> String {
        change.outcome.words + (change.rollout.map { ", rollout \($0)" } ?? "")
    }

    private static func line(_ change: AuditChange) -> String {
        let target = change.record.operation.target?.name ?? change.record.namespace
        let what = [change.record.before, change.record.after].compactMap { $0 }.joined(separator: " -> ")
        let undo = change.record.undoes.map { "  (undo of \($0.prefix(8)))" } ?? ""
        return "\(change.record.time)  \(change.shortID)  \(change.record.operation.op) \(target)  \(what)  \(outcome(change))\(undo)"
    }

    private struct HistoryDocument: Encodable {
        let changes: [ChangeDocument]
        let unreadableLines: [Int]
    }

    private struct ChangeDocument: Encodable {
        let id, time, op, context, server: String
        let target: ObjectReference?
        let before, after, rollout, message, undoes: String?
        let outcome: String
        let undoable: Bool

        init(_ change: AuditChange) {
            id = change.record.id
            time = change.record.time
            op = change.record.operation.op
            context = change.record.context
            server = change.record.server
            target = change.record.operation.target
            before = change.record.before
            after = change.record.after
            rollout = change.rollout
            message = change.message
            undoes = change.record.undoes
            outcome = change.outcome.rawValue
            undoable = change.record.undo != nil && change.outcome.mayHaveChanged
        }
    }
}

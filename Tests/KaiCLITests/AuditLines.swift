import Foundation

/// kai's audit log as the tests read it: every line parsed on its own, as any JSON-lines reader would.
struct AuditLines {
    /// Each line parsed as a JSON object; nil for a line that is not one.
    let lines: [[String: Any]?]

    /// The log at `path` (an absent log has no lines).
    init(path: String) {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        lines = text.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// Whether every line is one JSON object.
    var parses: Bool { lines.allSatisfy { $0 != nil } }
    /// The change records: intents, and older records that hold their own outcome.
    var changes: [[String: Any]] { lines.compactMap { $0 }.filter { $0["settles"] == nil } }
    /// The outcome of the change with `id`: its settlement's, or the record's own.
    func outcome(of id: String?) -> String? {
        let settlement = lines.compactMap { $0 }.last { $0["settles"] as? String == id }
        return (settlement ?? changes.first { $0["id"] as? String == id })?["outcome"] as? String
    }
    /// The changes whose outcome is `outcome`.
    func changes(_ outcome: String) -> [[String: Any]] { changes.filter { self.outcome(of: $0["id"] as? String) == outcome } }
}

import Foundation

/// One change as the log tells it: its intent record and, once known, its settlement.
public struct AuditChange: Sendable, Hashable {
    public let record: AuditRecord
    public let settlement: AuditSettlement?
    /// The line of `audit.jsonl` the record is on (from 1).
    public let line: Int

    /// What became of it. An intent never settled is `unknown`: kai stopped before it knew.
    /// Older records, written after the write succeeded, are `applied` unless they say otherwise.
    public var outcome: AuditOutcome {
        if let settlement { return AuditOutcome(rawValue: settlement.outcome) ?? .unknown }
        switch record.outcome {
        case AuditRecord.pending: return .unknown
        case "appliedNotFollowed": return .appliedNotFollowed
        default: return AuditOutcome(rawValue: record.outcome) ?? .applied
        }
    }

    /// How the rollout ended, when it was followed.
    public var rollout: String? { settlement?.rollout ?? record.rollout }
    /// The settlement's message, or the record's own (older records).
    public var message: String? { settlement?.message ?? record.message }
    /// "scale todo-chatbot-frontend (replicas 1 -> replicas 3)".
    public var summary: String {
        "\(record.operation.op) \(record.operation.target?.name ?? record.namespace) (\(record.before ?? "?") -> \(record.after ?? "?"))"
    }
}

/// A line of the log that is not a record kai can read, with its number (from 1).
public struct UnreadableLine: Sendable, Hashable {
    public let number: Int
    /// The start of the line, for the message.
    public let excerpt: String
}

/// Everything the audit log holds: the changes, oldest first, and the lines that could not be read.
public struct AuditHistory: Sendable {
    public let changes: [AuditChange]
    public let unreadable: [UnreadableLine]

    /// The history in `data`, the bytes of `audit.jsonl`.
    public init(data: Data) {
        let decoder = JSONDecoder()
        var records: [(AuditRecord, Int)] = []
        var settlements: [String: AuditSettlement] = [:]
        var unreadable: [UnreadableLine] = []
        for (index, line) in data.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            let bytes = Data(line)
            guard !bytes.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) else { continue }
            if let settlement = try? decoder.decode(AuditSettlement.self, from: bytes) {
                settlements[settlement.settles] = settlement
            } else if let record = try? decoder.decode(AuditRecord.self, from: bytes) {
                records.append((record, index + 1))
            } else {
                let text = String(decoding: bytes.prefix(60), as: UTF8.self)
                unreadable.append(UnreadableLine(number: index + 1, excerpt: text + (bytes.count > 60 ? "…" : "")))
            }
        }
        changes = records.map { AuditChange(record: $0.0, settlement: settlements[$0.0.id], line: $0.1) }
        self.unreadable = unreadable
    }

    /// "line 4 (`{"id":"3f…`), line 9 (…)": the unreadable lines for a message, or nil when there are none.
    public var unreadableSummary: String? {
        guard !unreadable.isEmpty else { return nil }
        let shown = unreadable.prefix(5).map { "line \($0.number) (\($0.excerpt))" }.joined(separator: ", ")
        let more = unreadable.count > 5 ? " and \(unreadable.count - 5) more" : ""
        return "\(unreadable.count == 1 ? "1 line is" : "\(unreadable.count) lines are") not a readable record: \(shown)\(more)"
    }
}

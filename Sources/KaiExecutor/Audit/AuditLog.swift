import Foundation
import KaiCore

/// The append-only audit log, `$XDG_STATE_HOME/kai/audit.jsonl`: one JSON line per change
/// (its intent, written before the write is sent) and one per outcome, each flushed to disk
/// before kai goes on.
///
/// Each line is written whole with one `write` under an exclusive `flock`, so lines of
/// concurrent kai processes never interleave, and a line never continues a damaged last line.
public struct AuditLog: Sendable {
    public let path: String

    /// The log at `path`.
    public init(path: String) { self.path = path }

    /// The log where design.md puts it: `$XDG_STATE_HOME/kai/audit.jsonl`, or `~/.local/state/kai/audit.jsonl`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> AuditLog {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return AuditLog(path: state + "/kai/audit.jsonl")
    }

    /// Appends the intent `record` as one line and waits until it is on disk.
    public func append(_ record: AuditRecord) throws(AuditError) {
        try appendLine(encoded(record, what: "the audit record for \(record.operation.op)"))
    }

    /// Appends `settlement` (a change's outcome) as one line and waits until it is on disk.
    public func settle(_ settlement: AuditSettlement) throws(AuditError) {
        try appendLine(encoded(settlement, what: "the outcome of change \(settlement.settles)"))
    }

    /// Everything the log holds; an absent log is an empty history.
    public func history() throws(AuditError) -> AuditHistory {
        guard FileManager.default.fileExists(atPath: path) else { return AuditHistory(data: Data()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError(problem: "Cannot read the audit log \(path).", path: path)
        }
        return AuditHistory(data: data)
    }

    private func encoded(_ value: some Encodable, what: String) throws(AuditError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let line = try? encoder.encode(value) else { throw AuditError(problem: "Cannot encode \(what).", path: path) }
        return Array(line) + [10]
    }

    private func appendLine(_ line: [UInt8]) throws(AuditError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw AuditError(problem: "Cannot create the audit log's folder \(folder): \(error.localizedDescription).", path: path)
        }
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("open") }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw failure("lock") }
        defer { flock(descriptor, LOCK_UN) }
        // A last line cut short (a crash mid-write, an editor) must not swallow this one.
        let bytes = endsMidLine(descriptor) ? [10] + line : line
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw failure("write") }
        guard fsync(descriptor) == 0 else { throw failure("flush") }
    }

    /// Whether the file is non-empty and its last byte is not a newline.
    private func endsMidLine(_ descriptor: Int32) -> Bool {
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return false }
        var last: UInt8 = 0
        return pread(descriptor, &last, 1, size - 1) == 1 && last != 10
    }

    private func failure(_ verb: String) -> AuditError {
        AuditError(problem: "Cannot \(verb) the audit log \(path): \(String(cString: strerror(errno))).", path: path)
    }
}

/// The audit log could not be written or read.
public struct AuditError: KaiError, Equatable {
    public let problem: String
    public let path: String
    public var remedy: String { "Make \(path) writable (or set XDG_STATE_HOME to a writable folder) and try again." }
    public var category: FailureCategory { .operationFailed }
}

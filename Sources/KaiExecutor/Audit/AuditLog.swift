import Foundation
import KaiCore

/// The append-only audit log, `$XDG_STATE_HOME/kai/audit.jsonl`: one JSON line per executed
/// change, flushed to disk before kai reports the change.
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

    /// Appends `record` as one line and waits until it is on disk.
    public func append(_ record: AuditRecord) throws(AuditError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(record) else {
            throw AuditError(problem: "The audit record for \(record.operation.op) could not be encoded.", path: path)
        }
        line.append(10)
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw AuditError(problem: "Cannot create the audit log's folder \(folder): \(error.localizedDescription).", path: path)
        }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw AuditError(problem: "Cannot open the audit log \(path): \(String(cString: strerror(errno))).", path: path)
        }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw AuditError(problem: "Cannot write the audit log \(path): \(String(cString: strerror(errno))).", path: path)
        }
    }

    /// Every record in the log, oldest first; lines that are not records are skipped.
    public func records() throws(AuditError) -> [AuditRecord] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError(problem: "Cannot read the audit log \(path).", path: path)
        }
        let decoder = JSONDecoder()
        return data.split(separator: 10).compactMap { try? decoder.decode(AuditRecord.self, from: Data($0)) }
    }
}

/// The audit log could not be written or read.
public struct AuditError: KaiError, Equatable {
    public let problem: String
    public let path: String
    public var remedy: String { "Make \(path) writable (or set XDG_STATE_HOME to a writable folder) and try again." }
    public var category: FailureCategory { .operationFailed }
}

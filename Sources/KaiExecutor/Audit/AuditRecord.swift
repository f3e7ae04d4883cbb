import Foundation
import KaiCore

/// One change, as one line of `audit.jsonl`: written as an intent (outcome `pending`) before the
/// write is sent; its outcome follows in an ``AuditSettlement`` line naming its ``id``. Records
/// written before outcomes were settled separately carry their final outcome themselves.
public struct AuditRecord: Codable, Sendable, Hashable {
    /// A unique id, which a settlement names in `settles` and an undo names in ``undoes``.
    public var id: String
    /// When the change was made (RFC 3339, UTC).
    public var time: String
    /// Who kai acted as in the cluster: the kubeconfig user or `system:serviceaccount:NS:NAME`.
    public var user: String
    /// The local account that ran kai.
    public var localUser: String?
    public var context: String
    /// The API server's URL, with any credentials in it masked.
    public var server: String
    /// `sha256:` and the hex SHA-256 of the cluster's CA certificate (DER), when the kubeconfig names one.
    public var caFingerprint: String?
    public var namespace: String
    /// The request text as the person wrote it.
    public var request: String
    public var operation: AuditOperation
    /// The state before and after, in words ("replicas 2", "replicas 3").
    public var before: String?
    public var after: String?
    /// `pending` in an intent; older records hold their final outcome here (`succeeded`, `failed`,
    /// `appliedNotFollowed`, all of which mean the write was applied).
    public var outcome: String
    public var message: String?
    /// The rollout's end: complete, failed or timedOut, when it was followed (older records).
    public var rollout: String?
    /// The operation that puts the change back, when the catalog has one.
    public var undo: AuditOperation?
    /// Why the change cannot be put back, when it cannot.
    public var irreversible: String?
    /// The id of the record this change undid.
    public var undoes: String?
    /// The agent that asked for the change through `kai mcp` (its MCP client name and version), when one did.
    public var agent: String?

    /// The outcome of an intent whose settlement has not been written (yet).
    public static let pending = "pending"
}

/// The outcome of the change an intent record announced: one line of `audit.jsonl`, appended
/// once it is known.
public struct AuditSettlement: Codable, Sendable, Hashable {
    /// The id of the ``AuditRecord`` this settles.
    public var settles: String
    /// When the outcome was known (RFC 3339, UTC).
    public var time: String
    /// `applied`, `appliedNotFollowed`, `failed` or `unknown` (``AuditOutcome``).
    public var outcome: String
    /// Details: the rollout's message, the API's refusal, why the outcome is unknown.
    public var message: String?
    /// The rollout's end: complete, failed or timedOut, when it was followed.
    public var rollout: String?
}

/// An operation as recorded: its catalog name, target and arguments.
public struct AuditOperation: Codable, Sendable, Hashable {
    public var op: String
    public var target: ObjectReference?
    public var args: [String: ArgumentValue]

    /// The record of `operation`.
    public init(_ operation: CatalogOperation) {
        op = operation.name.rawValue
        target = operation.target
        args = Dictionary(operation.arguments.map { ($0.name, $0.value) }) { first, _ in first }
    }
}

import Foundation
import KaiCore

/// One executed change, as one line of `audit.jsonl`.
public struct AuditRecord: Codable, Sendable, Hashable {
    /// A unique id, which an undo names in ``undoes``.
    public var id: String
    /// When the change was made (RFC 3339, UTC).
    public var time: String
    /// Who kai acted as in the cluster: the kubeconfig user or `system:serviceaccount:NS:NAME`.
    public var user: String
    /// The local account that ran kai.
    public var localUser: String?
    public var context: String
    public var server: String
    public var namespace: String
    /// The request text as the person wrote it.
    public var request: String
    public var operation: AuditOperation
    /// The state before and after, in words ("replicas 2", "replicas 3").
    public var before: String?
    public var after: String?
    /// `succeeded`, `failed` or `appliedNotFollowed`, with details in ``message``.
    public var outcome: String
    public var message: String?
    /// The rollout's end: complete, failed or timedOut, when it was followed.
    public var rollout: String?
    /// The operation that puts the change back, when the catalog has one.
    public var undo: AuditOperation?
    /// Why the change cannot be put back, when it cannot.
    public var irreversible: String?
    /// The id of the record this change undid.
    public var undoes: String?
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

import Foundation
import KaiConfig
import KaiCore
import KaiKube
import KaiPolicy

/// `undo`: the plan that puts back a change read from the audit log — the newest one on this
/// cluster that can be undone, or the one named by id. The cluster is read first: a change
/// whose outcome is unknown is checked against it, and one that was changed since (drift) is
/// said so and needs the target's name typed. Like any plan it is checked by the policy and confirmed.
public struct UndoProposal: Sendable {
    /// The plan, or the policy's refusal of it.
    public let plan: Plan
    /// The change it undoes; its id goes into the new record's `undoes`.
    public let change: AuditChange
    /// What to tell the person before the plan: changes passed over on the way back, an unknown
    /// outcome the cluster settled, lines of the log that could not be read.
    public let notes: [String]
    /// What changed since kai's change ("now replicas 5, kai left it at replicas 2"), when something did.
    public let drift: String?

    /// The proposal for the change with id (or id prefix) `id`, or without one the newest change on
    /// `cluster` that has not been undone and can be.
    public static func propose(from log: AuditLog, id: String? = nil, cluster: AuditContext, client: KubeClient,
                               policy: Policy) async throws -> UndoProposal {
        let history = try log.history()
        var notes = history.unreadableSummary.map { ["The audit log \(log.path) has lines kai cannot read, left out: \($0)."] } ?? []
        let undoneBy = Dictionary(history.changes.compactMap { change in
            change.record.undoes.flatMap { change.outcome == .failed ? nil : ($0, change) }
        }) { first, _ in first }
        if let id {
            let change = try Self.change(id, in: history, log: log)
            guard change.isOn(cluster) else { throw Self.otherCluster(change, here: cluster) }
            if let later = undoneBy[change.record.id] {
                throw UndoError(problem: "Change \(change.shortID), \(change.summary), was already undone by change \(later.shortID).",
                                remedy: "To put it back as kai left it, undo that one: kai undo \(later.shortID).")
            }
            switch try await evaluate(change, client: client, policy: policy) {
            case .propose(let plan, let drift, let note): return UndoProposal(plan: plan, change: change, notes: notes + note, drift: drift)
            case .skip(let why): throw UndoError(problem: why, remedy: "See the changes with kai undo --list.")
            }
        }
        var elsewhere: [AuditChange] = []
        for change in history.changes.reversed() where change.record.undoes == nil && undoneBy[change.record.id] == nil {
            guard change.isOn(cluster) else {
                elsewhere.append(change)
                continue
            }
            switch try await evaluate(change, client: client, policy: policy) {
            case .propose(let plan, let drift, let note):
                if let newest = elsewhere.first {
                    notes.insert("Skipped \(elsewhere.count) newer \(elsewhere.count == 1 ? "change" : "changes") made on another cluster (the newest: \(newest.summary) on \(newest.clusterName)).", at: 0)
                }
                return UndoProposal(plan: plan, change: change, notes: notes + note, drift: drift)
            case .skip(let why):
                notes.append("Skipped: \(why)")
            }
        }
        if let newest = elsewhere.first { throw otherCluster(newest, here: cluster, skipped: notes) }
        throw UndoError(problem: (notes + ["There is nothing to undo on this cluster: the audit log \(log.path) holds no change that has not been undone and can be."])
                            .joined(separator: "\n"),
                        remedy: "See the changes with kai undo --list.")
    }

    private enum Verdict {
        case propose(Plan, drift: String?, note: [String])
        case skip(String)
    }

    /// Whether `change` can be undone now, read against the cluster.
    private static func evaluate(_ change: AuditChange, client: KubeClient, policy: Policy) async throws -> Verdict {
        let what = "change \(change.shortID), \(change.summary) at \(change.record.time)"
        guard change.outcome.mayHaveChanged else { return .skip("\(what) failed when kai sent it, so there is nothing to undo.") }
        guard let inverse = change.record.undo else {
            let why = change.record.irreversible.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 } ?? "kai recorded no inverse for it"
            return .skip("\(what) cannot be undone: \(why).")
        }
        let now = try await CurrentState.words(of: change.record.operation, client: client)
        let current = CurrentState.comparable(now), after = CurrentState.comparable(change.record.after)
        var note: [String] = []
        if change.outcome == .unknown, let now {
            if current == CurrentState.comparable(change.record.before), current != after {
                return .skip("\(what): kai never learnt whether it was made, and the cluster shows it was not (still \(now)), so there is nothing to undo.")
            }
            if current == after { note.append("kai never learnt whether \(what) was made; the cluster shows it was (now \(now)).") }
        }
        let drift = now.flatMap { now in current == after ? nil : "now \(now), kai left it at \(after ?? "?")" }
        let operation = try inverse.catalogOperation()
        let request = "undo \(change.summary), \(change.record.time)"
        if let refusal = policy.check(namespace: operation.namespace) ?? policy.check(operation) {
            return .propose(Plan(request: request, interpreter: .local, refusal: refusal), drift: drift, note: note)
        }
        return .propose(Plan(request: request, interpreter: .local, steps: [PlannedStep(operation)]), drift: drift, note: note)
    }

    private static func change(_ id: String, in history: AuditHistory, log: AuditLog) throws -> AuditChange {
        let matches = history.changes.filter { $0.record.id.hasPrefix(id.lowercased()) }
        guard let match = matches.first else {
            throw UndoError(problem: "The audit log \(log.path) has no change with id \(id).", remedy: "See the ids with kai undo --list.", category: .usage)
        }
        guard matches.count == 1 else {
            throw UndoError(problem: "Id \(id) names \(matches.count) changes.", remedy: "Give more of the id (kai undo --list shows them).", category: .usage)
        }
        return match
    }

    private static func otherCluster(_ change: AuditChange, here: AuditContext, skipped: [String] = []) -> UndoError {
        UndoError(problem: (skipped + ["Change \(change.shortID), \(change.summary), was made on another cluster: \(change.clusterName), and kai is connected to \(here.server) (context \(here.context)). kai undoes a change only on the cluster it was made on."])
                    .joined(separator: "\n"),
                  remedy: "Connect to that cluster (--kubeconfig, --context) and run kai undo \(change.shortID) there.", category: .refused)
    }
}

extension AuditChange {
    /// The id as `kai undo --list` shows it and `kai undo ID` takes it: its first 8 characters.
    public var shortID: String { String(record.id.prefix(8)) }

    /// "https://10.0.0.1:6443 (context minikube)", with any credentials masked.
    public var clusterName: String { "\(maskedServer) (context \(record.context))" }

    private var maskedServer: String { URL(string: record.server)?.masked ?? record.server }

    /// Whether this change was made on the cluster of `context`: the same API server and, when
    /// both are known, the same CA certificate.
    public func isOn(_ context: AuditContext) -> Bool {
        guard maskedServer == context.server else { return false }
        guard let recorded = record.caFingerprint, let current = context.caFingerprint else { return true }
        return recorded == current
    }
}

extension AuditOperation {
    /// The catalog operation this record describes; only changes with an inverse are recorded as undo operations.
    func catalogOperation() throws -> CatalogOperation {
        guard let target else { throw unreadable("it names no target") }
        do {
            switch op {
            case OperationName.scale.rawValue:
                guard let replicas = args["replicas"]?.int else { throw unreadable("replicas is missing") }
                return .scale(.init(target, replicas: try ReplicaCount(replicas)))
            case OperationName.rollback.rawValue:
                return .rollback(.init(target, revision: try args["revision"]?.int.map { try Revision($0) }))
            case OperationName.setImage.rawValue:
                guard let image = args["image"]?.string else { throw unreadable("image is missing") }
                let container = try args["container"]?.string.map { try ContainerName($0) }
                return .setImage(.init(target, container: container, image: try ImageReference(image, requireTag: false)))
            case OperationName.autoscale.rawValue:
                guard let min = args["min"]?.int, let max = args["max"]?.int, let cpu = args["cpuPercent"]?.int else {
                    throw unreadable("min, max or cpuPercent is missing")
                }
                return .autoscale(.init(target, bounds: try AutoscaleBounds(min: ReplicaCount(min), max: ReplicaCount(max), cpuPercent: cpu),
                                        autoscalerName: args["autoscaler"]?.string))
            case OperationName.removeAutoscaler.rawValue:
                return .removeAutoscaler(.init(target))
            case OperationName.setResources.rawValue:
                guard let container = args["container"]?.string else { throw unreadable("container is missing") }
                var changes: [ResourceField: ResourceSetting] = [:]
                for field in ResourceField.all {
                    guard let text = args[field.argument]?.string else { continue }
                    changes[field] = text == ResourceSetting.unsetWord ? .unset : .set(try ResourceQuantity(text))
                }
                return .setResources(try .init(target, container: ContainerName(container), changes: changes))
            default:
                throw unreadable("\(op) has no recorded inverse")
            }
        } catch let error as ValueError {
            throw unreadable(error.problem)
        }
    }

    private func unreadable(_ why: String) -> ExecutionError {
        ExecutionError(problem: "The audit log's undo entry for \(op) cannot be used: \(why).", remedy: "Put it back by hand with a new request.")
    }
}

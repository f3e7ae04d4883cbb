import KaiCore
import KaiPolicy

/// `undo`: the plan that puts back the most recent change not yet undone, read from the audit
/// log. Like any plan it is checked by the policy and confirmed before it runs.
public struct UndoProposal: Sendable {
    /// The plan, or the policy's refusal of it.
    public let plan: Plan
    /// The audit record it undoes; its id goes into the new record's `undoes`.
    public let record: AuditRecord

    /// The proposal for the newest change in `log` that has an inverse and is not itself an undo or already undone.
    public static func latest(in log: AuditLog, policy: Policy) throws -> UndoProposal {
        let records = try log.records()
        let undone = Set(records.compactMap(\.undoes))
        guard let record = records.last(where: { $0.undoes == nil && !undone.contains($0.id) }) else {
            throw ExecutionError(problem: "There is nothing to undo: the audit log \(log.path) holds no change that has not been undone.",
                                 remedy: "")
        }
        let description = "\(record.operation.op) \(record.operation.target?.name ?? record.namespace) (\(record.before ?? "?") -> \(record.after ?? "?"), \(record.time))"
        guard let inverse = record.undo else {
            throw ExecutionError(problem: "The last change, \(description), cannot be undone: \(record.irreversible ?? "kai recorded no inverse for it").",
                                 remedy: "Put it back by hand with a new request.")
        }
        let operation = try inverse.catalogOperation()
        let request = "undo \(description)"
        if let refusal = policy.check(namespace: operation.namespace) ?? policy.check(operation) {
            return UndoProposal(plan: Plan(request: request, interpreter: .local, refusal: refusal), record: record)
        }
        return UndoProposal(plan: Plan(request: request, interpreter: .local, steps: [PlannedStep(operation)]), record: record)
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
                return .autoscale(.init(target, bounds: try AutoscaleBounds(min: ReplicaCount(min), max: ReplicaCount(max), cpuPercent: cpu)))
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

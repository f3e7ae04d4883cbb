import KaiCore

/// A request in kai's own words that plans the same operation as a suggested fix, so a one-shot
/// user can ask for it: `kai "roll back todo-chatbot-backend"`.
public enum FixPhrase {
    /// The request for `operation`, or nil for an operation no fix uses.
    public static func request(for operation: CatalogOperation) -> String? {
        switch operation {
        case .rollback(let rollback):
            rollback.revision.map { "roll back \(rollback.deployment.name) to revision \($0)" } ?? "roll back \(rollback.deployment.name)"
        case .restart(let restart): "restart \(restart.deployment.name)"
        case .scale(let scale): "scale \(scale.deployment.name) to \(scale.replicas)"
        case .autoscale(let autoscale):
            "autoscale \(autoscale.deployment.name) from \(autoscale.bounds.min) to \(autoscale.bounds.max) at \(autoscale.bounds.cpuPercent)% cpu"
        case .setResources(let change) where change.changes.values.allSatisfy { $0.quantity != nil }:
            "set \(change.deployment.name) container \(change.container) "
                + change.fields.map { "\($0) to \(change.changes[$0]?.description ?? "")" }.joined(separator: " and ")
        case .removeAutoscaler(let removal): "remove the autoscaler of \(removal.deployment.name)"
        default: nil
        }
    }
}

extension Diagnosis {
    /// Takes out the fixes `refusal` refuses (it returns why, or nil to keep the fix), leaving the
    /// reason as advice: a suggestion the policy would refuse is never offered as runnable.
    ///
    /// ```swift
    /// diagnosis.withholdFixes { policy.check($0.operation)?.reason }
    /// ```
    public mutating func withholdFixes(_ refusal: (PlannedStep) -> String?) {
        for index in findings.indices {
            var kept: [PlannedStep] = []
            for fix in findings[index].fixes {
                if let why = refusal(fix) {
                    findings[index].advice.append("kai could \(fix.operation.name) \(fix.operation.target?.name ?? "") here, but the policy refuses it: \(why)")
                } else {
                    kept.append(fix)
                }
            }
            findings[index].fixes = kept
        }
    }
}

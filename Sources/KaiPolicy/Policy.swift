import KaiCore

/// What kai may touch: namespaces, target names, replica bounds and switched-off operations.
///
/// Built-in defaults allow the `todo-chatbot` namespace, any target in it, at most 10
/// replicas and every catalog operation; `policy.yaml` overrides them.
public struct Policy: Sendable, Hashable {
    /// Namespaces kai may act in.
    public var namespaces: [String]
    /// Name patterns of the objects kai may act on; `*` matches any run of characters.
    public var targets: [String]
    /// The largest replica count a scale or an autoscaler may ask for.
    public var maxReplicas: Int
    /// The largest CPU request or limit a setResources step may set (2 cores by default: a Minikube node's CPUs).
    public var maxCPU: ResourceQuantity
    /// The largest memory request or limit a setResources step may set (2Gi by default: what a Minikube node spares).
    public var maxMemory: ResourceQuantity
    /// Catalog operations switched off.
    public var disabledOperations: Set<OperationName>
    /// Where the policy came from, for messages: a file path, or "built-in defaults".
    public var source: String
    /// Refuse every change-level and disruptive step (`--read-only`, or `readOnly: true`); reads still run.
    public var readOnly = false

    /// The built-in policy.
    public static let defaults = Policy(namespaces: ["todo-chatbot"], targets: ["*"], maxReplicas: 10,
                                        disabledOperations: [], source: "built-in defaults")

    /// The built-in bounds of setResources.
    public static let defaultMaxCPU = ResourceQuantity.cores(2), defaultMaxMemory = ResourceQuantity.gibibytes(2)

    /// A policy with these rules.
    public init(namespaces: [String], targets: [String], maxReplicas: Int, maxCPU: ResourceQuantity = Policy.defaultMaxCPU,
                maxMemory: ResourceQuantity = Policy.defaultMaxMemory, disabledOperations: Set<OperationName>, source: String) {
        self.namespaces = namespaces
        self.targets = targets
        self.maxReplicas = maxReplicas
        self.maxCPU = maxCPU
        self.maxMemory = maxMemory
        self.disabledOperations = disabledOperations
        self.source = source
    }

    /// Whether kai may act in `namespace`; a refusal saying why not otherwise.
    public func check(namespace: String) -> Refusal? {
        guard !namespaces.contains(namespace) else { return nil }
        return Refusal(reason: "Namespace \(namespace) is outside what the policy allows (\(namespaces.listed())).",
                       alternative: "Work in \(namespaces.count == 1 ? namespaces[0] : "one of those"), or add \(namespace) to namespaces in \(whereToChange).")
    }

    /// Checks every step; the first violation refuses the whole plan, so nothing is half applied.
    public func check(_ steps: [PlannedStep]) -> Refusal? {
        for step in steps {
            if let refusal = check(step.operation) { return refusal }
        }
        return nil
    }

    /// Checks one operation against every rule.
    public func check(_ operation: CatalogOperation) -> Refusal? {
        if readOnly, operation.risk > .read {
            return Refusal(reason: "kai is read-only here, and \(operation.name) would change the cluster.",
                           alternative: "Ask for reads (list, describe, logs, events, diagnose, rollout status); to make changes, run without --read-only and set readOnly: false in \(whereToChange).")
        }
        if disabledOperations.contains(operation.name) {
            return Refusal(reason: "The operation \(operation.name) is switched off by the policy (\(source)).",
                           alternative: "Remove it from disabledOperations in \(whereToChange) to allow it.")
        }
        if let refusal = check(namespace: operation.namespace) { return refusal }
        if let target = operation.target, !targets.contains(where: { Glob.matches($0, target.name) }) {
            return Refusal(reason: "\(target.kind.rawValue) \(target.name) is not among the targets the policy allows (\(targets.listed())).",
                           alternative: "Add a matching pattern to targets in \(whereToChange) if kai should act on it.")
        }
        return checkBounds(of: operation)
    }

    private func checkBounds(of operation: CatalogOperation) -> Refusal? {
        let (asked, what): (Int, String)
        switch operation {
        case .setResources(let change): return checkBounds(of: change)
        case .scale(let scale): (asked, what) = (scale.replicas.value, "Scaling \(scale.deployment.name) to \(scale.replicas) replicas")
        case .autoscale(let autoscale): (asked, what) = (autoscale.bounds.max.value, "An autoscaler for \(autoscale.deployment.name) that may reach \(autoscale.bounds.max) replicas")
        default: return nil
        }
        guard asked > maxReplicas else { return nil }
        return Refusal(reason: "\(what) is more than the policy allows (at most \(maxReplicas) replicas).",
                       alternative: "Ask for \(maxReplicas) or fewer, or raise maxReplicas in \(whereToChange).")
    }

    private func checkBounds(of change: CatalogOperation.SetResources) -> Refusal? {
        for field in change.fields {
            guard let asked = change.changes[field]?.quantity else { continue }
            let (bound, key) = field.resource == .cpu ? (maxCPU, "maxCPU") : (maxMemory, "maxMemory")
            guard asked.value > bound.value, !asked.isSameAmount(as: bound) else { continue }
            return Refusal(reason: "A \(field) of \(asked) for \(change.deployment.name) is more than the policy allows (at most \(bound)).",
                           alternative: "Ask for \(bound) or less, or raise \(key) in \(whereToChange).")
        }
        return nil
    }

    private var whereToChange: String { source == Self.defaults.source ? "policy.yaml" : source }
}

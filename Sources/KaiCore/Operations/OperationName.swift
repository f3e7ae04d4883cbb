/// The name of each operation in the catalog, as design.md, the JSON plan and policy files spell it.
public enum OperationName: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case list, describe, logs, events, diagnose, resources, rolloutStatus, rolloutHistory
    case scale, restart, autoscale, removeAutoscaler, rollback, setImage, setResources, deletePod

    /// What the operation may be pointed at.
    public var targetRule: TargetRule {
        switch self {
        case .list: .none
        case .events, .diagnose, .resources: .optional([.deployment, .pod])
        case .describe, .logs: .required([.deployment, .pod])
        case .rolloutStatus, .rolloutHistory, .scale, .restart, .autoscale, .removeAutoscaler, .rollback, .setImage, .setResources:
            .required([.deployment])
        case .deletePod: .required([.pod])
        }
    }

    /// Whether the operation changes the cluster (and so needs confirmation, audit and undo).
    public var isChange: Bool {
        switch self {
        case .list, .describe, .logs, .events, .diagnose, .resources, .rolloutStatus, .rolloutHistory: false
        case .scale, .restart, .autoscale, .removeAutoscaler, .rollback, .setImage, .setResources, .deletePod: true
        }
    }

    /// Whether "the backend pod" means the deployment's pods for this operation: it works on deployments.
    public var liftsPodPhrases: Bool { targetRule.kinds.contains(.deployment) }

    public var description: String { rawValue }
}

/// Whether an operation takes a target, and of which kinds.
public enum TargetRule: Sendable, Hashable {
    /// Acts on the namespace as a whole (list).
    case none
    /// Acts on one object of these kinds, or on the whole namespace when none is named.
    case optional([ObjectKind])
    /// Acts on exactly one object of these kinds.
    case required([ObjectKind])

    /// Whether a target must be named.
    public var isRequired: Bool {
        if case .required = self { return true }
        return false
    }

    /// The kinds a target may have; empty for ``none``.
    public var kinds: [ObjectKind] {
        switch self {
        case .none: []
        case .optional(let kinds), .required(let kinds): kinds
        }
    }
}

import KaiCore

/// A runbook with every step resolved against the cluster, validated and allowed by the policy:
/// what will run, in order. Compiling happens before any step runs, so a runbook that cannot run
/// whole does not run at all.
public struct CompiledRunbook: Sendable, Hashable {
    public let runbook: Runbook
    public let steps: [CompiledStep]

    /// The compiled steps of `runbook`.
    public init(runbook: Runbook, steps: [CompiledStep]) {
        self.runbook = runbook
        self.steps = steps
    }

    /// The operation steps as one plan, for confirmation: the whole runbook is agreed before it starts.
    public var plan: Plan {
        Plan(request: "runbook \(runbook.name)", interpreter: .local, steps: steps.compactMap(\.operation))
    }

    /// The highest risk of any step; waits and checks only read.
    public var risk: Risk { plan.risk }
}

/// One step ready to run. An `ask:` step may compile into several, which share its number.
public struct CompiledStep: Sendable, Hashable {
    /// The runbook step it came from, from 1.
    public let source: Int
    /// How the step is numbered in plans and reports: "3", or "3.1", "3.2" for an ask that became several operations.
    public let label: String
    /// The request text, for steps that came from `ask:`.
    public let ask: String?
    public let action: Action

    /// Step `label` of runbook step `source`.
    public init(source: Int, label: String, ask: String? = nil, action: Action) {
        self.source = source
        self.label = label
        self.ask = ask
        self.action = action
    }

    /// What the step does once compiled.
    public enum Action: Sendable, Hashable {
        /// A checked catalog operation.
        case operation(PlannedStep)
        /// Follow the deployment's rollout; nil timeout means the run's `--rollout-timeout`.
        case wait(ObjectReference, timeout: Duration?)
        /// Read the deployment and compare its counts.
        case check(ObjectReference, [ReplicaCondition])
    }

    /// The planned operation, for operation steps.
    public var operation: PlannedStep? {
        if case .operation(let step) = action { step } else { nil }
    }

    /// The object the step is about, if any.
    public var target: ObjectReference? {
        switch action {
        case .operation(let step): step.operation.target
        case .wait(let deployment, _), .check(let deployment, _): deployment
        }
    }

    /// "operation", "wait" or "check".
    public var kind: String {
        switch action {
        case .operation: "operation"
        case .wait: "wait"
        case .check: "check"
        }
    }

    /// How much the step can hurt.
    public var risk: Risk { operation?.operation.risk ?? .read }

    /// One line saying what the step will do.
    public var summary: String {
        switch action {
        case .operation(let step):
            return step.summary
        case .wait(let deployment, let timeout):
            let limit = timeout.map { " (at most \($0.components.seconds)s)" } ?? ""
            return "Wait until deployment \(deployment.name) has rolled out\(limit); stop the runbook if it fails or times out."
        case .check(let deployment, let conditions):
            let what = conditions.map(\.description).joined(separator: " and ")
            return "Check that deployment \(deployment.name) has \(what); stop the runbook if not."
        }
    }
}

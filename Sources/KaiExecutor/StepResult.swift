import KaiCore
import KaiDiagnosis

/// What happened to one step of a plan.
public struct StepResult: Sendable, Hashable {
    /// How the step ended.
    public enum Status: String, Sendable, Hashable, Codable {
        /// It ran and did what it said.
        case succeeded
        /// The change was already in place; nothing was sent.
        case unchanged
        /// It ran and failed (or its rollout failed or timed out).
        case failed
        /// An earlier step failed, so this one did not run.
        case notRun
    }

    public let step: PlannedStep
    public var status: Status
    /// For a change: the state before, in words ("replicas 2").
    public var before: String?
    /// For a change: the state after ("replicas 3").
    public var after: String?
    /// How the rollout that followed the change ended, when it was followed.
    public var rollout: RolloutOutcome?
    /// What the step shows: a table, log lines, events, a description.
    public var output: [String]
    /// For a diagnose step: the findings, their evidence and the suggested fixes (checked by the policy).
    public var diagnosis: Diagnosis?
    /// For a resources step: usage against requests and limits, with recommendations.
    public var resources: ResourceReport?
    /// Remarks a person should know ("autoscaler todo-chatbot-backend may change this").
    public var notes: [String]
    /// What would put the change back, as recorded in the audit log.
    public var undo: Undo?
    /// Whether the change was written to the audit log.
    public var recorded = false
    /// Why it failed.
    public var error: String?
    /// The failure's category, for the exit code.
    public var failureCategory: FailureCategory?

    /// A result for `step` that has not run yet.
    public init(step: PlannedStep, status: Status, output: [String] = []) {
        self.step = step
        self.status = status
        self.output = output
        self.notes = []
    }

    /// "replicas 2 -> 3", when the step changed something: the words before and after share
    /// are said once.
    public var change: String? {
        guard let before, let after else { return nil }
        let old = before.split(separator: " ")
        let new = after.split(separator: " ")
        guard old.count > 1, new.count > 1, old[0] == new[0] else { return "\(before) -> \(after)" }
        return "\(before) -> \(new.dropFirst().joined(separator: " "))"
    }
}

/// The results of a whole plan, in step order.
public struct ExecutionReport: Sendable, Hashable {
    public let plan: Plan
    public var results: [StepResult]

    /// The first failed step, if any.
    public var failure: StepResult? { results.first { $0.status == .failed } }
    /// Whether every step that ran succeeded.
    public var succeeded: Bool { failure == nil }
}

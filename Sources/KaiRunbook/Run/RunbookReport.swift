import KaiCore
import KaiExecutor

/// What happened to one compiled step of a runbook.
public struct RunbookStepResult: Sendable, Hashable {
    public let step: CompiledStep
    /// succeeded, unchanged (an operation already as asked), failed, or notRun.
    public var status: StepResult.Status
    /// For an operation step: the executor's result, with before -> after, rollout and output.
    public var operation: StepResult?
    /// For a wait or check: what was found ("readyReplicas is 2", the rollout's message).
    public var message: String?
    /// Why the step failed.
    public var error: String?
    /// The failure's category, for the exit code.
    public var failureCategory: FailureCategory?

    /// A result for `step` with `status`.
    public init(step: CompiledStep, status: StepResult.Status) {
        self.step = step
        self.status = status
    }
}

/// The results of a runbook run, one per compiled step, in order.
public struct RunbookReport: Sendable, Hashable {
    public let runbook: CompiledRunbook
    public var results: [RunbookStepResult]

    /// A report of `results` for `runbook`.
    public init(runbook: CompiledRunbook, results: [RunbookStepResult]) {
        self.runbook = runbook
        self.results = results
    }

    /// The first failed step, if any; the steps after it did not run.
    public var failure: RunbookStepResult? { results.first { $0.status == .failed } }
    /// Whether every step ran and none failed.
    public var succeeded: Bool { failure == nil }
}

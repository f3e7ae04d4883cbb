import Foundation
import KaiCore
import KaiKube
import KaiPolicy

/// The second half of the pipeline: runs a checked, confirmed plan against the cluster, step by
/// step. Each change reads the state first, is recorded in the audit log before its write is
/// sent, follows the rollout, and has its outcome recorded before it is reported; the first
/// failing step stops the plan.
///
/// ```swift
/// let executor = Executor(client: client, audit: .standard(), context: AuditContext(endpoint: endpoint))
/// if case .run = await ConfirmationGate(consent: Consent(yes: true), confirmer: nil).decide(plan) {
///     let report = await executor.run(plan)
/// }
/// ```
public struct Executor: Sendable {
    public let client: KubeClient
    public let audit: AuditLog
    public let context: AuditContext
    /// How long a change's rollout is followed before it is reported as timed out.
    public var rolloutTimeout: Duration
    /// Whether to follow rollouts at all; when false a change is reported once the API accepted it.
    public var followRollouts: Bool
    /// Each move of a followed rollout: its state and ready count.
    public var progress: @Sendable (RolloutUpdate) -> Void
    /// The policy a diagnosis's suggested fixes are checked against before they are offered.
    public var policy: Policy = .defaults

    /// An executor acting through `client`, recording to `audit`.
    public init(client: KubeClient, audit: AuditLog, context: AuditContext, rolloutTimeout: Duration = .seconds(300),
                followRollouts: Bool = true, progress: @escaping @Sendable (RolloutUpdate) -> Void = { _ in }) {
        self.client = client
        self.audit = audit
        self.context = context
        self.rolloutTimeout = rolloutTimeout
        self.followRollouts = followRollouts
        self.progress = progress
    }

    /// Runs every step of an already confirmed `plan` in order, stopping at the first failure.
    public func run(_ plan: Plan, undoes: String? = nil) async -> ExecutionReport {
        var results: [StepResult] = []
        var stopped = false
        for step in plan.steps {
            guard !stopped, !Task.isCancelled else {
                results.append(StepResult(step: step, status: .notRun))
                continue
            }
            let result = await run(step, request: plan.request, undoes: undoes)
            stopped = result.status == .failed
            results.append(result)
        }
        return ExecutionReport(plan: plan, results: results)
    }

    /// Follows the rollout of `deployment` until it completes, fails or `timeout` (by default
    /// ``rolloutTimeout``) passes, reporting progress as a change's rollout does. Runbooks' `wait:` steps use it.
    ///
    /// ```swift
    /// let outcome = try await executor.followRollout(of: backend, timeout: .seconds(120))
    /// ```
    public func followRollout(of deployment: ObjectReference, timeout: Duration? = nil) async throws -> RolloutOutcome {
        try await RolloutWatcher(client: client, timeout: timeout ?? rolloutTimeout, progress: progress)
            .follow(deployment: deployment.name, in: deployment.namespace)
    }

    /// Runs the read `operation` at once and returns what it shows (a model's look before it proposes
    /// anything); a change is refused here, since changes run only through a confirmed plan.
    public func read(_ operation: CatalogOperation) async throws -> [String] {
        try await ReadRunner(client: client, policy: policy).run(operation).lines
    }

    private func run(_ step: PlannedStep, request: String, undoes: String?) async -> StepResult {
        if let change = step.operation.typed as? any ChangeRunner {
            return await runChange(change, step: step, request: request, undoes: undoes)
        }
        var result = StepResult(step: step, status: .succeeded)
        do {
            let read = try await ReadRunner(client: client, policy: policy).run(step.operation)
            result.output = read.lines
            result.diagnosis = read.diagnosis
            result.resources = read.resources
        } catch {
            result.fail(error)
        }
        return result
    }

    static func describe(_ error: any Error) -> String {
        if error is CancellationError { return "interrupted before it finished." }
        return (error as? any KaiError)?.description ?? String(describing: error)
    }
}

extension StepResult {
    /// Marks the step failed because of `error`.
    mutating func fail(_ error: any Error) {
        status = .failed
        self.error = Executor.describe(error)
        failureCategory = (error as? any KaiError)?.category ?? .operationFailed
    }
}

import Foundation
import KaiCore
import KaiKube
import KaiPolicy

/// The second half of the pipeline: runs a checked, confirmed plan against the cluster, step by
/// step. Each change reads the state first, reports before -> after, follows the rollout, and is
/// written to the audit log before it is reported; the first failing step stops the plan.
///
/// ```swift
/// let executor = Executor(client: client, audit: .standard(), context: AuditContext(endpoint: endpoint))
/// switch await executor.run(plan, gate: ConfirmationGate(consent: Consent(yes: true), confirmer: nil)) { … }
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

    /// What running a plan came to.
    public enum Outcome: Sendable {
        /// The plan ran (perhaps stopping at a failed step).
        case ran(ExecutionReport)
        /// Confirmation was needed and not given: nothing ran.
        case notConfirmed(ConfirmationError)
    }

    /// Asks `gate` whether `plan` may run, then runs it. `undoes` is the audit id of the change this plan puts back.
    public func run(_ plan: Plan, gate: ConfirmationGate, undoes: String? = nil) async -> Outcome {
        switch await gate.decide(plan) {
        case .refused(let error): return .notConfirmed(error)
        case .run: return .ran(await run(plan, undoes: undoes))
        }
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
    /// Runs the read `operation` at once and returns what it shows (a model's look before it proposes
    /// anything); a change is refused here, since changes run only through a confirmed plan.
    public func read(_ operation: CatalogOperation) async throws -> [String] {
        try await ReadRunner(client: client, policy: policy).run(operation).lines
    }

    public func followRollout(of deployment: ObjectReference, timeout: Duration? = nil) async throws -> RolloutOutcome {
        try await RolloutWatcher(client: client, timeout: timeout ?? rolloutTimeout, progress: progress)
            .follow(deployment: deployment.name, in: deployment.namespace)
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

    private func runChange(_ change: any ChangeRunner, step: PlannedStep, request: String, undoes: String?) async -> StepResult {
        var result = StepResult(step: step, status: .succeeded)
        let applied: AppliedChange
        do {
            applied = try await change.apply(client)
        } catch {
            result.fail(error)
            return result
        }
        result.before = applied.before
        result.after = applied.after
        result.notes = applied.notes
        result.undo = applied.undo
        if applied.unchanged {
            result.status = .unchanged
            return result
        }
        var followError: (any Error)?
        if followRollouts, let deployment = applied.follow {
            do {
                let outcome = try await RolloutWatcher(client: client, timeout: rolloutTimeout, progress: progress)
                    .follow(deployment: deployment.name, in: deployment.namespace, replacing: applied.replacedPod)
                result.rollout = outcome
                if case .complete = outcome {} else {
                    result.status = .failed
                    result.error = outcome.message
                    result.failureCategory = .operationFailed
                }
            } catch {
                followError = error
            }
        }
        let record = auditRecord(step: step, request: request, applied: applied, result: result, followError: followError, undoes: undoes)
        do {
            try audit.append(record)
            result.recorded = true
        } catch {
            result.fail(ExecutionError(problem: "The change was made (\(applied.before) -> \(applied.after)) but could not be recorded: \(error.problem)",
                                       remedy: error.remedy))
            return result
        }
        if let followError {
            result.notes.append("The change was made, but its rollout could not be followed: \(Self.describe(followError))")
        }
        return result
    }

    private func auditRecord(step: PlannedStep, request: String, applied: AppliedChange, result: StepResult,
                             followError: (any Error)?, undoes: String?) -> AuditRecord {
        var undo: AuditOperation?
        var irreversible: String?
        switch applied.undo {
        case .operation(let operation): undo = AuditOperation(operation)
        case .irreversible(let why): irreversible = why
        case .notNeeded, .unknownUntilRun: break
        }
        let outcome = followError != nil ? "appliedNotFollowed" : result.status == .failed ? "failed" : "succeeded"
        return AuditRecord(
            id: UUID().uuidString.lowercased(), time: KubeTime.format(Date()), user: context.user, localUser: context.localUser,
            context: context.context, server: context.server, namespace: step.operation.namespace, request: request,
            operation: AuditOperation(step.operation), before: applied.before, after: applied.after, outcome: outcome,
            message: followError.map(Self.describe) ?? result.rollout?.message, rollout: result.rollout?.label,
            undo: undo, irreversible: irreversible, undoes: undoes)
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

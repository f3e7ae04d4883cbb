import KaiCore
import KaiExecutor
import KaiKube

/// Runs a compiled runbook, once all its operations are confirmed together (`ConfirmationGate.decide`
/// on its plan): the steps in order through the ``Executor``, stopping at the first failed
/// operation, wait or check.
///
/// ```swift
/// let report = await RunbookRunner(executor: executor).run(compiled)
/// ```
public struct RunbookRunner: Sendable {
    public let executor: Executor

    /// A runner acting through `executor` (its client, audit log, rollout timeout and progress).
    public init(executor: Executor) {
        self.executor = executor
    }

    /// Runs every step of an already confirmed runbook in order, stopping at the first failure.
    public func run(_ compiled: CompiledRunbook) async -> RunbookReport {
        var results: [RunbookStepResult] = []
        var stopped = false
        for step in compiled.steps {
            guard !stopped, !Task.isCancelled else {
                results.append(RunbookStepResult(step: step, status: .notRun))
                continue
            }
            let result = await run(step, of: compiled.runbook)
            stopped = result.status == .failed
            results.append(result)
        }
        return RunbookReport(runbook: compiled, results: results)
    }

    private func run(_ step: CompiledStep, of runbook: Runbook) async -> RunbookStepResult {
        var result = RunbookStepResult(step: step, status: .succeeded)
        do {
            switch step.action {
            case .operation(let planned):
                let request = "runbook \(runbook.name), step \(step.label)" + (step.ask.map { ": \($0)" } ?? "")
                let report = await executor.run(Plan(request: request, interpreter: .local, steps: [planned]))
                guard let outcome = report.results.first else { return result }
                result.operation = outcome
                result.status = outcome.status
                result.error = outcome.error
                result.failureCategory = outcome.failureCategory
            case .wait(let deployment, let timeout):
                let outcome = try await executor.followRollout(of: deployment, timeout: timeout)
                result.message = outcome.message
                if case .complete = outcome {} else { result.fail(outcome.message, .operationFailed) }
            case .check(let deployment, let conditions):
                let object = try await executor.client.get(Deployment.self, .deployments, deployment.name, in: deployment.namespace)
                result.message = Self.evaluate(conditions, on: object)
                let failed = conditions.filter { !$0.holds(for: Self.count($0.field, of: object)) }
                if !failed.isEmpty {
                    result.fail("Check failed: deployment \(deployment.name) has \(result.message ?? ""); expected \(failed.map(\.description).joined(separator: " and ")).",
                                .operationFailed)
                }
            }
        } catch let error as any KaiError {
            result.fail(error.description, error.category)
        } catch {
            result.fail(String(describing: error), .operationFailed)
        }
        return result
    }

    /// The counts a check looked at: "readyReplicas 1, replicas 2".
    static func evaluate(_ conditions: [ReplicaCondition], on deployment: Deployment) -> String {
        var fields: [ReplicaCondition.Field] = []
        for condition in conditions where !fields.contains(condition.field) { fields.append(condition.field) }
        return fields.map { "\($0.rawValue) \(count($0, of: deployment))" }.joined(separator: ", ")
    }

    /// The deployment's count for `field`; a missing status count is 0, as kubectl shows it.
    static func count(_ field: ReplicaCondition.Field, of deployment: Deployment) -> Int {
        switch field {
        case .readyReplicas: deployment.status?.readyReplicas ?? 0
        case .replicas: deployment.desiredReplicas
        case .availableReplicas: deployment.status?.availableReplicas ?? 0
        }
    }
}

extension RunbookStepResult {
    mutating func fail(_ message: String, _ category: FailureCategory) {
        status = .failed
        error = message
        failureCategory = category
    }
}

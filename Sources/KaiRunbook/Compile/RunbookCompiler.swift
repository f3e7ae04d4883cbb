import KaiCore
import KaiKube
import KaiPlanning
import KaiPolicy

/// Compiles a runbook against a snapshot of the cluster: resolves every name, plans every
/// `ask:` with the local grammar, and checks every operation against the policy — all before
/// anything runs. The first step that fails stops compilation with an error naming it.
///
/// ```swift
/// let compiled = try RunbookCompiler(snapshot: snapshot, policy: .defaults).compile(runbook)
/// ```
public struct RunbookCompiler: Sendable {
    public let snapshot: ClusterSnapshot
    public let policy: Policy

    /// A compiler resolving names against `snapshot` and checking against `policy`.
    ///
    /// Every step is resolved against the same snapshot, taken before the run: a relative count
    /// in a later step ("scale backend up by one") counts from the state before the runbook started.
    public init(snapshot: ClusterSnapshot, policy: Policy) {
        self.snapshot = snapshot
        self.policy = policy
    }

    /// The runbook's steps, ready to run; throws a ``RunbookError`` naming the step that cannot run.
    public func compile(_ runbook: Runbook) throws(RunbookError) -> CompiledRunbook {
        var steps: [CompiledStep] = []
        for step in runbook.steps {
            steps += try compile(step, in: runbook)
        }
        return CompiledRunbook(runbook: runbook, steps: steps)
    }

    private func compile(_ step: RunbookStep, in runbook: Runbook) throws(RunbookError) -> [CompiledStep] {
        let label = String(step.number)
        do {
            switch step.action {
            case .operation(let draft):
                let planned = try Resolver(snapshot: snapshot).resolve(draft)
                if let refusal = policy.check(namespace: planned.operation.namespace) ?? policy.check(planned.operation) { throw refusal }
                return [CompiledStep(source: step.number, label: label, action: .operation(planned))]
            case .ask(let text):
                let plan = try Planner(snapshot: snapshot, policy: policy).plan(text)
                if let refusal = plan.refusal { throw refusal }
                return plan.steps.enumerated().map { index, planned in
                    CompiledStep(source: step.number, label: plan.steps.count == 1 ? label : "\(label).\(index + 1)",
                                 ask: text, action: .operation(planned))
                }
            case .wait(let phrase, let timeout):
                return [CompiledStep(source: step.number, label: label, action: .wait(try deployment(phrase), timeout: timeout))]
            case .check(let phrase, let conditions):
                return [CompiledStep(source: step.number, label: label, action: .check(try deployment(phrase), conditions))]
            }
        } catch let error as RunbookError {
            throw error
        } catch let error as any KaiError {
            throw RunbookError(path: runbook.path, line: step.line, step: step.number, detail: error.problem,
                               remedy: error.remedy.isEmpty ? "Fix the step; nothing was run." : "\(error.remedy) Nothing was run.",
                               category: error.category)
        } catch {
            throw RunbookError(path: runbook.path, line: step.line, step: step.number, detail: "\(error)", remedy: "Nothing was run.",
                               category: .operationFailed)
        }
    }

    /// The deployment a wait or check names, resolved the way an operation's target is and read
    /// only where the policy allows (as a rollout status would be).
    private func deployment(_ phrase: TargetPhrase) throws -> ObjectReference {
        let resolved = try Resolver(snapshot: snapshot).resolve(DraftStep(.rolloutStatus, target: phrase))
        if let refusal = policy.check(resolved.operation) { throw refusal }
        guard let target = resolved.operation.target else {
            throw ResolutionError(.unknown, problem: "\"\(phrase)\" names no deployment.", remedy: "Name a deployment, e.g. backend.")
        }
        return target
    }
}

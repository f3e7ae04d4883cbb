import Foundation
import KaiCore
import KaiKube

extension Executor {
    /// Runs one change: read, record the intent, send, follow, record the outcome. Whatever
    /// happens after the intent is written (a refusal, no answer, an interruption, a lost
    /// cluster) ends in an outcome record, so the log never loses a change that may have happened.
    func runChange(_ change: any ChangeRunner, step: PlannedStep, request: String, undoes: String?) async -> StepResult {
        var result = StepResult(step: step, status: .succeeded)
        let prepared: PreparedChange
        do {
            prepared = try await change.prepare(client, planned: step.before)
        } catch {
            result.fail(error)
            return result
        }
        result.before = prepared.before
        result.after = prepared.after
        result.notes = prepared.notes
        result.undo = prepared.undo
        if prepared.unchanged {
            result.status = .unchanged
            return result
        }
        let record = intent(step: step, request: request, prepared: prepared, undoes: undoes)
        do {
            try audit.append(record)
            result.recorded = true
        } catch {
            result.fail(ExecutionError(problem: "Nothing was changed: kai records a change before making it, and \(error.problem)", remedy: error.remedy))
            return result
        }
        guard !Task.isCancelled else {
            settle(record, .failed, message: "Interrupted before the change was sent.", result: &result)
            result.fail(CancellationError())
            return result
        }
        do {
            try await send(prepared, of: change, planned: step.before)
        } catch {
            let outcome = Self.writeOutcome(error)
            result.fail(error)
            if outcome == .unknown {
                result.notes.append("kai cannot tell whether the change was made: the API server did not answer. `kai undo` reads the cluster before proposing anything.")
            }
            settle(record, outcome, message: result.error, result: &result)
            return result
        }
        let outcome = await follow(prepared, result: &result)
        let interrupted = outcome == .appliedNotFollowed && result.error == nil ? "Interrupted while its rollout was followed." : nil
        settle(record, outcome, message: result.rollout?.message ?? result.error ?? interrupted, result: &result)
        return result
    }

    /// Sends the prepared write. A 409 after which the object's desired state is unchanged was a
    /// status update (a controller at work), so the write goes again with the fresh resourceVersion;
    /// any other 409 is someone else's change, reported as a conflict.
    private func send(_ prepared: PreparedChange, of change: any ChangeRunner, planned: DeploymentState?) async throws {
        var attempt = prepared
        for _ in 1..<client.settings.conflictAttempts {
            do {
                return try await attempt.send(client)
            } catch let error as KubeError where error.reason == .conflict {
                let fresh = try await change.prepare(client, planned: planned)
                guard fresh.desired == prepared.desired, fresh.before == prepared.before else {
                    throw Self.conflict(prepared, now: fresh, change: change)
                }
                attempt = fresh
            }
        }
        try await attempt.send(client)
    }

    /// Follows the rollout the change started, when there is one to follow, and says how the change ended.
    private func follow(_ prepared: PreparedChange, result: inout StepResult) async -> AuditOutcome {
        guard followRollouts, let deployment = prepared.follow else { return .applied }
        do {
            let outcome = try await RolloutWatcher(client: client, timeout: rolloutTimeout, progress: progress)
                .follow(deployment: deployment.name, in: deployment.namespace, replacing: prepared.replacedPod)
            result.rollout = outcome
            if case .complete = outcome {} else {
                result.status = .failed
                result.error = outcome.message
                result.failureCategory = .operationFailed
            }
            return .applied
        } catch is CancellationError {
            result.notes.append("The change was made, but its rollout was not followed to the end: interrupted.")
            return .appliedNotFollowed
        } catch {
            result.fail(error)
            result.error = "The change was made, but its rollout could not be followed: \(Self.describe(error))"
            return .appliedNotFollowed
        }
    }

    /// Appends the outcome of `record`; a log that cannot take it is reported on the step.
    private func settle(_ record: AuditRecord, _ outcome: AuditOutcome, message: String?, result: inout StepResult) {
        let settlement = AuditSettlement(settles: record.id, time: KubeTime.format(Date()), outcome: outcome.rawValue,
                                         message: message.map(Redactor.scrub), rollout: result.rollout?.label)
        do {
            try audit.settle(settlement)
        } catch {
            result.notes.append("Its outcome (\(outcome.words)) could not be recorded: \(error.problem)")
        }
    }

    /// The intent record of a change about to be sent.
    private func intent(step: PlannedStep, request: String, prepared: PreparedChange, undoes: String?) -> AuditRecord {
        var undo: AuditOperation?
        var irreversible: String?
        switch prepared.undo {
        case .operation(let operation): undo = AuditOperation(operation)
        case .irreversible(let why): irreversible = why
        case .notNeeded, .unknownUntilRun: break
        }
        return AuditRecord(
            id: UUID().uuidString.lowercased(), time: KubeTime.format(Date()), user: context.user, localUser: context.localUser,
            context: context.context, server: context.server, caFingerprint: context.caFingerprint, namespace: step.operation.namespace,
            request: Redactor.scrub(request), operation: AuditOperation(step.operation), before: prepared.before, after: prepared.after,
            outcome: AuditRecord.pending, undo: undo, irreversible: irreversible, undoes: undoes, agent: context.agent)
    }

    /// What a failed write means for the cluster: a refusal changed nothing; no answer may have changed it.
    static func writeOutcome(_ error: any Error) -> AuditOutcome {
        guard let error = error as? KubeError else { return .unknown }
        switch error.reason {
        case .unreachable, .timedOut, .serverError, .malformedResponse: return .unknown
        default: return .failed
        }
    }

    private static func conflict(_ prepared: PreparedChange, now fresh: PreparedChange, change: any ChangeRunner) -> KubeError {
        let name = change.target?.name ?? "the object"
        let since = fresh.before == prepared.before ? "" : ": it was \(prepared.before) and is now \(fresh.before)"
        return KubeError(.conflict, statusCode: 409,
                         problem: "\(name) was changed by someone else after kai read it (409 Conflict)\(since). kai did not change it.",
                         remedy: "Look at it again and ask again if the change is still wanted.")
    }
}

import ArgumentParser
import KaiConfig
import KaiCore
import KaiExecutor
import KaiPolicy
import KaiTerminal

/// Runs a checked plan the way every command does: shows it, asks where design.md says so,
/// executes it, prints the report, and ends with the right exit code.
struct PlanRun {
    let connection: ClusterConnection
    let run: RunOptions
    let output: OutputFormat
    /// Who confirms: the person at the terminal when there is one.
    var confirmer: (any Confirmer)? = TerminalConfirmer.ifInteractive()
    /// What a diagnosis's suggested fixes are checked against before they are offered.
    var policy: Policy = .defaults

    /// Runs `plan` and throws the `ExitCode` the outcome calls for (none on success); returns the report.
    @discardableResult
    func perform(_ plan: Plan, undoes: String? = nil) async throws -> ExecutionReport {
        if let refusal = plan.refusal {
            print(error: refusal, plan: plan)
            throw ExitCode(ExitStatus.code(for: .refused))
        }
        if output == .text, plan.risk > .read { Console.out(PlanText.render(plan, running: true, paint: .standardOutput)) }
        let audit = AuditLog.standard()
        let text = output == .text
        var executor = Executor(client: connection.client, audit: audit, context: AuditContext(endpoint: connection.endpoint),
                                rolloutTimeout: run.rolloutDuration, followRollouts: !run.noWait,
                                progress: ProgressDisplay(quiet: !text).rollout)
        executor.policy = policy
        let gate = ConfirmationGate(consent: run.consent, confirmer: confirmer)
        switch await executor.run(plan, gate: gate, undoes: undoes) {
        case .notConfirmed(let error):
            switch output {
            case .json: Console.out(ReportDocument(notRun: plan, because: error).json())
            case .text: Console.error(PlanText.render(error: error, paint: .standardError))
            }
            throw ExitCode(ExitStatus.code(for: error.category))
        case .ran(let report):
            switch output {
            case .json: Console.out(ReportDocument(report, auditPath: audit.path).json())
            case .text: Console.out(ReportText.render(report, auditPath: audit.path, paint: .standardOutput))
            }
            if let failure = report.failure { throw ExitCode(ExitStatus.code(for: failure.failureCategory ?? .operationFailed)) }
            return report
        }
    }

    private func print(error: any KaiError, plan: Plan) {
        switch output {
        case .json: Console.out(PlanDocument(plan).json())
        case .text: Console.error(PlanText.render(error: error, paint: .standardError))
        }
    }
}

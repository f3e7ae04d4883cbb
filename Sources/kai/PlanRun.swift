import ArgumentParser
import Foundation
import KaiCommandLine
import KaiConfig
import KaiCore
import KaiDiagnosis
import KaiExecutor
import KaiPlanning
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
    /// The model that explains a diagnosis in plain words, when a provider is configured.
    var explainer: DiagnosisExplainer?
    /// Whether SIGINT and SIGTERM stop the run here (a one-shot), recording what was sent and
    /// exiting 130 or 143; the REPL traps them itself.
    var trapsSignals = true
    /// Whether every change needs the target's name typed (an undo of a change someone changed since).
    var typedForEveryChange = false
    /// The agent that asked for the plan through `kai mcp`, named in each audit record.
    var agent: String?

    /// Runs `plan` and throws the `ExitCode` the outcome calls for (none on success); returns the report.
    @discardableResult
    func perform(_ plan: Plan, undoes: String? = nil) async throws -> ExecutionReport {
        if let refusal = plan.refusal {
            print(error: refusal, plan: plan)
            throw ExitCode(ExitStatus.code(for: .refused))
        }
        if output == .text, plan.risk > .read || !plan.suggestions.isEmpty {
            Console.out(PlanText.render(plan, running: true, paint: .standardOutput))
        }
        let audit = AuditLog.standard()
        let text = output == .text
        var context = AuditContext(endpoint: connection.endpoint)
        context.agent = agent
        var executor = Executor(client: connection.client, audit: audit, context: context,
                                rolloutTimeout: run.rolloutDuration, followRollouts: !run.noWait,
                                progress: ProgressDisplay(quiet: !text).rollout)
        executor.policy = policy
        var gate = ConfirmationGate(consent: run.consent, confirmer: confirmer)
        gate.typedForEveryChange = typedForEveryChange
        if case .refused(let error) = await gate.decide(plan) {
            switch output {
            case .json: Console.out(ReportDocument(notRun: plan, because: error).json())
            case .text: Console.error(PlanText.render(error: error, paint: .standardError))
            }
            throw ExitCode(ExitStatus.code(for: error.category))
        }
        let confirmed = executor
        let plan = plan.accepting(await gate.acceptedSuggestions(plan))
        var (report, signal) = await Interrupts.run(trapping: trapsSignals && plan.risk > .read) { await confirmed.run(plan, undoes: undoes) }
        switch output {
        case .json:
            for index in report.results.indices {
                guard let diagnosis = report.results[index].diagnosis else { continue }
                report.results[index].diagnosis?.explanation = await explain(diagnosis, onText: { _ in })
            }
            Console.out(ReportDocument(report, auditPath: audit.path).json())
        case .text:
            Console.out(ReportText.render(report, auditPath: audit.path, paint: .standardOutput))
            for diagnosis in report.results.compactMap(\.diagnosis) where explainer != nil && !diagnosis.isHealthy {
                Console.out(Paint.standardOutput.bold("Explanation (\(explainer?.provider.name ?? "model")):") + " ")
                if await explain(diagnosis, onText: { Console.out($0) }) != nil { Console.out("\n") }
            }
        }
        if let signal { throw Interrupts.stopped(by: signal, auditPath: audit.path) }
        if let failure = report.failure { throw ExitCode(ExitStatus.code(for: failure.failureCategory ?? .operationFailed)) }
        if !plan.suggestions.isEmpty {
            let error = ConfirmationError(
                problem: "Not run: the model suggested \(plan.suggestions.map { PlanText.brief($0.operation) }.joined(separator: ", ")), and the request asked for no change. Nothing was changed by it.",
                remedy: "A suggestion runs only when you type its target's name in a terminal; or ask for the change itself.")
            if output == .text { Console.error(PlanText.render(error: error, paint: .standardError)) }
            throw ExitCode(ExitStatus.code(for: error.category))
        }
        return report
    }

    /// The model's explanation of `diagnosis`; a provider that fails leaves the analyzers' own
    /// findings as the answer and says so (the diagnosis itself does not need a model).
    private func explain(_ diagnosis: Diagnosis, onText: @escaping @Sendable (String) -> Void) async -> String? {
        guard let explainer else { return nil }
        do {
            return try await explainer.explain(diagnosis, onText: onText)?.0
        } catch let error as any KaiError {
            Console.error("\nThe model could not explain the diagnosis; the findings above stand on their own. \(error.problem)\n")
        } catch {
            Console.error("\nThe model could not explain the diagnosis; the findings above stand on their own.\n")
        }
        return nil
    }

    private func print(error: any KaiError, plan: Plan) {
        switch output {
        case .json: Console.out(PlanDocument(plan).json())
        case .text: Console.error(PlanText.render(error: error, paint: .standardError))
        }
    }
}

import Foundation
import KaiCore
import KaiExecutor
import KaiRunbook

/// Renders runbooks for a person: the compiled plan before it runs, and the report after.
public enum RunbookText {
    /// The whole runbook, step by step, as it will run.
    ///
    /// ```
    /// Runbook recover-backend (runbooks/recover-backend.yaml): Restart the backend and check it serves.
    ///   1. check deployment todo-chatbot/todo-chatbot-postgres  readyReplicas >= 1  [read]
    ///      Check that deployment todo-chatbot-postgres has readyReplicas >= 1; stop the runbook if not.
    /// ```
    /// With `running`, the closing sentence about confirmation is left out.
    public static func render(_ compiled: CompiledRunbook, running: Bool = false, paint: Paint = .plain) -> String {
        let runbook = compiled.runbook
        let about = runbook.description.isEmpty ? "" : " \(runbook.description.trimmingCharacters(in: .whitespacesAndNewlines))"
        var lines = ["Runbook \(runbook.name) (\(runbook.path)):\(about)"]
        for step in compiled.steps {
            let target = step.target.map { " \($0)" } ?? step.operation.map { " in \($0.operation.namespace)" } ?? ""
            lines.append("  \(step.label). \(name(of: step))\(target)\(details(of: step))  \(paint.risk(step.risk))")
            if let ask = step.ask { lines.append("     from: \"\(ask)\"") }
            lines.append("     \(step.summary)")
            if let undo = step.operation.flatMap({ PlanText.render(undo: $0.undo) }) { lines.append("     undo: \(undo)") }
        }
        if !running { lines.append(PlanText.confirmation(for: compiled.risk)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the run did: each step's outcome, what failed and what did not run.
    public static func render(_ report: RunbookReport, auditPath: String, paint: Paint = .plain) -> String {
        var lines: [String] = []
        for result in report.results {
            let step = result.step
            let header = "\(step.label). \(name(of: step))" + (step.target.map { " \($0.name)" } ?? "")
            if let operation = result.operation {
                lines += ReportText.render(operation, header: header, many: true, paint: paint)
                continue
            }
            switch result.status {
            case .notRun: lines.append("\(header): not run, because an earlier step failed.")
            case .failed: lines.append("\(header): \(paint.bold(paint.red("FAILED")))" + (result.message.map { " (\($0))" } ?? ""))
            case .succeeded, .unchanged: lines.append("\(header): \(paint.green("ok"))" + (result.message.map { " (\($0))" } ?? ""))
            }
            if let error = result.error, error != result.message { lines.append("   error: \(error)") }
        }
        let made = report.results.compactMap(\.operation).filter(\.recorded)
        if !made.isEmpty {
            lines.append("Recorded \(made.count) \(made.count == 1 ? "change" : "changes") in \(auditPath); `kai undo` proposes putting the last one back.")
        }
        let name = report.runbook.runbook.name
        if let failure = report.failure {
            let ran = report.results.filter { $0.status != .notRun && $0 != failure }.count
            let skipped = report.results.filter { $0.status == .notRun }.count
            lines.append("Runbook \(name): step \(failure.step.label) failed after \(ran) \(ran == 1 ? "step" : "steps") ran"
                         + (skipped > 0 ? "; \(skipped) later \(skipped == 1 ? "step was" : "steps were") not run." : "."))
        } else {
            lines.append("Runbook \(name): all \(report.results.count) \(report.results.count == 1 ? "step" : "steps") done.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func name(of step: CompiledStep) -> String {
        step.operation.map { $0.operation.name.rawValue } ?? step.kind
    }

    private static func details(of step: CompiledStep) -> String {
        let words: [String] = switch step.action {
        case .operation(let planned): planned.operation.arguments.map { "\($0.name)=\($0.value)" }
        case .wait(_, let timeout): timeout.map { ["timeout=\($0.components.seconds)s"] } ?? []
        case .check(_, let conditions): conditions.map(\.description)
        }
        return words.isEmpty ? "" : "  " + words.joined(separator: " ")
    }
}

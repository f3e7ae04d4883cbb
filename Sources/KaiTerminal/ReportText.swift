import KaiCore
import KaiExecutor

/// Renders what running a plan did, for a person: each step's before -> after, rollout,
/// output and undo; what failed and what did not run.
public enum ReportText {
    /// The report; `auditPath` is named when changes were recorded.
    public static func render(_ report: ExecutionReport, auditPath: String, paint: Paint = .plain) -> String {
        var lines: [String] = []
        let many = report.results.count > 1
        for (number, result) in report.results.enumerated() {
            let target = result.step.operation.target.map { " \($0.name)" } ?? ""
            lines += render(result, header: "\(number + 1). \(result.step.operation.name)\(target)", many: many, paint: paint)
        }
        let made = report.results.filter(\.recorded)
        if !made.isEmpty {
            lines.append("Recorded \(made.count) \(made.count == 1 ? "change" : "changes") in \(auditPath); `kai undo` proposes putting the last one back.")
        }
        if let failure = report.failure, let index = report.results.firstIndex(of: failure) {
            let skipped = report.results.filter { $0.status == .notRun }.count
            lines.append(paint.red("Step \(index + 1) failed") + (skipped > 0 ? "; \(skipped) later \(skipped == 1 ? "step was" : "steps were") not run." : "."))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One step's lines under `header`: its change, output, rollout, error, notes and undo.
    /// `many` says whether it is one of several steps, which indents its output.
    static func render(_ result: StepResult, header: String, many: Bool, paint: Paint) -> [String] {
        var lines: [String] = []
        switch result.status {
        case .notRun:
            return ["\(header): not run, because an earlier step failed."]
        case .unchanged:
            lines.append("\(header): no change, already \(result.after ?? "as asked").")
        case .succeeded where result.change != nil:
            lines.append("\(header): \(result.change ?? "")")
        case .failed where result.change != nil:
            lines.append("\(header): \(result.change ?? "") — \(paint.bold(paint.red("FAILED")))")
        case .failed:
            lines.append("\(header): \(paint.bold(paint.red("FAILED")))")
        case .succeeded:
            if many { lines.append("\(header):") }
        }
        let indent = many || result.change != nil ? "   " : ""
        lines += result.output.map { indent + $0 }
        if let rollout = result.rollout { lines.append("   " + (result.status == .failed ? paint.red(rollout.message) : paint.green(rollout.message))) }
        if let error = result.error, result.rollout == nil || result.rollout?.message != error { lines.append("   error: \(error)") }
        lines += result.notes.map { "   note: \($0)" }
        if result.status != .unchanged, result.change != nil, let undo = result.undo, let text = PlanText.render(undo: undo) {
            lines.append("   undo: \(text)")
        }
        return lines
    }
}

import KaiCore
import KaiDiagnosis

/// A diagnosis for a person: the summary, then each finding with its cause, evidence, advice and
/// numbered fixes, which are never run from here.
///
/// ```
/// 2 problems in deployment todo-chatbot-backend: …
/// 1. DependencyDown: deployment todo-chatbot-postgres
///    Deployment todo-chatbot-postgres, which todo-chatbot-backend connects to …
///    cause: ReadinessProbeFailed — …
///    evidence:
///      service todo-chatbot-postgres: 0 ready endpoints, 1 not ready
/// ```
enum DiagnosisLines {
    static func render(_ diagnosis: Diagnosis) -> [String] {
        var lines = [diagnosis.isHealthy ? diagnosis.summary : "\(count(diagnosis.findings.count)) in \(diagnosis.target), root causes first:"]
        var fixNumber = 0
        for (index, finding) in diagnosis.findings.enumerated() {
            let pods = finding.pods.isEmpty || finding.object.kind == "Pod" ? "" : " (\(finding.pods.count == 1 ? "pod" : "pods") \(finding.pods.joined(separator: ", ")))"
            lines.append("\(index + 1). \(finding.reason): \(finding.object)\(pods)")
            lines.append("   \(finding.summary)")
            if let cause = finding.cause { lines.append("   cause: \(cause.reason) — \(cause.summary)") }
            if !finding.evidence.isEmpty {
                lines.append("   evidence:")
                lines += finding.evidence.map { "     \($0.text)" }
            }
            lines += finding.advice.map { "   advice: \($0)" }
            for fix in finding.fixes {
                fixNumber += 1
                let operation = fix.operation
                let target = operation.target.map { " \($0)" } ?? ""
                lines.append("   fix \(fixNumber): \(operation.name)\(target) [\(operation.risk.rawValue)] — \(fix.summary)")
                if let request = FixPhrase.request(for: operation) { lines.append("          ask for it: kai \"\(request)\"") }
            }
        }
        if fixNumber > 0 {
            lines.append("Suggested fixes are not run. Ask for one as shown (it is planned, checked and confirmed like any request), or in the REPL type /fix N.")
        }
        lines += diagnosis.unreadable.map { "Not read: \($0)" }
        if let explanation = diagnosis.explanation { lines.append("Explanation: \(explanation)") }
        lines.append("Evidence read with \(diagnosis.apiCalls) API calls.")
        return lines
    }

    private static func count(_ findings: Int) -> String { findings == 1 ? "1 problem" : "\(findings) problems" }
}

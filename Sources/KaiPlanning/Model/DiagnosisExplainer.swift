import Foundation
import KaiCore
import KaiDiagnosis
import KaiInterpreter
import KaiProviders

/// Asks a model to explain a diagnosis in plain words, with `prompts/diagnose.md`. It is given the
/// analyzers' findings and their evidence, the evidence marked as cluster data (and, like every
/// request, scrubbed of secrets on its way out); it is offered no tools, so its answer can only ever be text.
public struct DiagnosisExplainer: Sendable {
    public let provider: any ModelProvider
    public let prompts: Prompts

    public init(provider: any ModelProvider, prompts: Prompts) {
        self.provider = provider
        self.prompts = prompts
    }

    /// The explanation of `diagnosis` (streamed to `onText` as it arrives) and what it cost; nil for a healthy target.
    public func explain(_ diagnosis: Diagnosis, onText: @escaping @Sendable (String) -> Void) async throws -> (String, ModelUse)? {
        guard !diagnosis.isHealthy else { return nil }
        let clock = ContinuousClock()
        let started = clock.now
        let reply = try await provider.complete(ModelRequest(system: prompts.diagnose, messages: [.user(Self.message(diagnosis))], tools: [],
                                                             maxTokens: 400), onText: onText)
        let elapsed = started.duration(to: clock.now)
        let text = reply.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        let use = ModelUse(provider: provider.name, roundTrips: 1, usage: reply.usage,
                           seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return (text, use)
    }

    /// The findings in order of cause and effect, each with its evidence as cluster data.
    static func message(_ diagnosis: Diagnosis) -> String {
        var lines = ["Diagnosis of \(diagnosis.target): \(diagnosis.summary)", ""]
        for (number, finding) in diagnosis.findings.enumerated() {
            lines.append("Finding \(number + 1): \(finding.reason.rawValue) on \(finding.object): \(finding.summary)")
            if let cause = finding.cause { lines.append("  cause: \(cause.reason.rawValue): \(cause.summary)") }
            lines += finding.fixes.map { "  suggested fix (needs the person's confirmation): \($0.summary)" }
            lines += finding.advice.map { "  advice: \($0)" }
            lines.append("  evidence:")
            lines.append("<cluster-data>")
            lines += finding.evidence.map { "  [\($0.source.rawValue)] \($0.text)" }
            lines.append("</cluster-data>")
        }
        return lines.joined(separator: "\n")
    }
}

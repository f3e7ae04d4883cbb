import KaiCore
import KaiDiagnosis
import KaiKube

extension ReadRunner {
    /// Each container's CPU and memory requests and limits beside its observed usage, with
    /// recommended values and the reasoning, node headroom and autoscaler headroom.
    func resources(_ target: ObjectReference?, in namespace: String) async throws -> ReadResult {
        var report = try await ResourceReader(client: client).report(DiagnosisTarget(namespace: namespace, object: target))
        report.withholdFixes { policy.check($0.operation)?.reason }
        return ReadResult(ResourceLines.render(report), resources: report)
    }
}

import KaiCore
import KaiDiagnosis
import KaiKube

extension ReadRunner {
    /// Each container's CPU and memory requests and limits beside its observed usage, with
    /// recommended values and the reasoning, node headroom and autoscaler headroom.
    func resources(_ target: ObjectReference?, in namespace: String) async throws -> ReadResult {
        let report = try await ResourceReader(client: client).report(DiagnosisTarget(namespace: namespace, object: target))
        return ReadResult(ResourceLines.render(report), resources: report)
    }
}

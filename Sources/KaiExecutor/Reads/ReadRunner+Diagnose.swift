import KaiCore
import KaiDiagnosis
import KaiKube

extension ReadRunner {
    /// Diagnoses `target` (or the namespace): evidence, findings root causes first, and fixes the
    /// policy allows. The fixes are only offered here; running one is a plan of its own.
    func diagnose(_ target: ObjectReference?, in namespace: String) async throws -> ReadResult {
        var diagnosis = try await Diagnoser(client: client).diagnose(DiagnosisTarget(namespace: namespace, object: target))
        diagnosis.withholdFixes { policy.check($0.operation)?.reason }
        return ReadResult(DiagnosisLines.render(diagnosis), diagnosis: diagnosis)
    }
}

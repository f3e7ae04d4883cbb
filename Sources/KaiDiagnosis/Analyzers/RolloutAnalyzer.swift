import KaiKube

/// A stalled rollout: the deployment's Progressing condition says ProgressDeadlineExceeded.
/// Its cause is what keeps the new pods from becoming available, when the pods show it.
enum RolloutAnalyzer {
    static func finding(_ workload: Workload, podFindings: [Finding], in evidence: Evidence) -> Finding? {
        guard let deployment = workload.deployment, let progressing = deployment.status?.conditions?["Progressing"],
              !progressing.isTrue, progressing.reason == "ProgressDeadlineExceeded" else { return nil }
        let deadline = deployment.spec.progressDeadlineSeconds ?? 600
        let revision = deployment.revision.map { " to revision \($0)" } ?? ""
        var finding = Finding(
            reason: .progressDeadlineExceeded, object: workload.identity,
            summary: "The rollout of \(workload.description)\(revision) made no progress for \(deadline)s and has stopped (ProgressDeadlineExceeded)"
                + (podFindings.first.map { ", because its pods fail: \($0.reason)." } ?? "."),
            cause: podFindings.first.map { Cause($0.reason, $0.summary) },
            evidence: [EvidenceLine(.status, "condition Progressing=False: \(ClusterText.clip(progressing.message ?? progressing.reason ?? ""))")]
                + status(of: deployment))
        if evidence.replicaSets(of: deployment).count > 1 {
            finding.fixes.append(Fixes.rollback(deployment, in: evidence))
            finding.advice.append("Roll back to the previous revision, then fix what the new one broke before rolling out again.")
        }
        return finding
    }

    /// "replicas: 3 desired, 1 updated, 2 ready, 2 available".
    static func status(of deployment: Deployment) -> [EvidenceLine] {
        let status = deployment.status
        return [EvidenceLine(.status, "deployment \(deployment.metadata.name): \(deployment.desiredReplicas) desired, \(status?.updatedReplicas ?? 0) updated, "
                             + "\(status?.readyReplicas ?? 0) ready, \(status?.availableReplicas ?? 0) available")]
    }
}

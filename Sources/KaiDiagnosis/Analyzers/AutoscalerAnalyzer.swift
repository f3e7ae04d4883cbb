import KaiKube

/// The autoscaler of a deployment that is otherwise healthy: it cannot scale (no metrics, no
/// scale target), or it wants more replicas than its maximum allows.
enum AutoscalerAnalyzer {
    static func findings(_ workload: Workload, in evidence: Evidence) -> [Finding] {
        guard let deployment = workload.deployment, let autoscaler = evidence.autoscaler(of: deployment.metadata.name) else { return [] }
        let conditions = autoscaler.status?.conditions ?? []
        let identity = evidence.identity("HorizontalPodAutoscaler", autoscaler.metadata.name)
        let lines = conditions.map { EvidenceLine(.status, "autoscaler condition \($0.type)=\($0.status) \($0.reason ?? ""): \(ClusterText.clip($0.message ?? ""))") }
        if let failing = conditions.first(where: { ["AbleToScale", "ScalingActive"].contains($0.type) && !$0.isTrue }) {
            let metrics = failing.reason?.contains("Metric") == true
            return [Finding(reason: .autoscalerNotScaling, object: identity,
                            summary: "Autoscaler \(autoscaler.metadata.name) cannot scale \(deployment.metadata.name) (\(failing.type)=False, \(failing.reason ?? "no reason")), so its replica count stays where it is.",
                            cause: metrics ? Cause(.metricsUnavailable, "It cannot read the CPU use it scales on: \(ClusterText.clip(failing.message ?? "", limit: 160))") : nil,
                            evidence: lines,
                            advice: [metrics ? "Check that metrics-server runs (kubectl top pods; minikube addons enable metrics-server) and that the containers set CPU requests."
                                             : "Check that the autoscaler's scaleTargetRef names an existing deployment."])]
        }
        let desired = autoscaler.status?.desiredReplicas ?? 0
        guard let limited = conditions["ScalingLimited"], limited.isTrue, limited.reason == "TooManyReplicas" || desired >= autoscaler.spec.maxReplicas,
              (autoscaler.status?.currentReplicas ?? 0) >= autoscaler.spec.maxReplicas else { return [] }
        var finding = Finding(reason: .autoscalerAtMaximum, object: identity,
                              summary: "Autoscaler \(autoscaler.metadata.name) keeps \(deployment.metadata.name) at its maximum of \(autoscaler.spec.maxReplicas) replicas and would add more: the pods are busier than its \(autoscaler.cpuPercent.map { "\($0)%" } ?? "") CPU target.",
                              evidence: lines)
        if let fix = Fixes.autoscale(deployment, autoscaler, max: autoscaler.spec.maxReplicas + max(1, autoscaler.spec.maxReplicas / 2), in: evidence) {
            finding.fixes.append(fix)
        }
        finding.advice.append("Allow more replicas (the fix below, within the policy's bound), or give each pod more CPU (kai \"resources \(deployment.metadata.name)\").")
        return [finding]
    }
}

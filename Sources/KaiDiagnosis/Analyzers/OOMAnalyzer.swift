import KaiCore
import KaiKube

/// OOMKilled: a container uses more memory than its limit and the kernel kills it. The finding
/// compares the limit with the usage the metrics API last saw and names the setting to raise.
enum OOMAnalyzer {
    static func finding(_ group: TroubleGroup, in evidence: Evidence) -> Finding {
        let container = group.container ?? ""
        let limitText = group.containerSpec?.resources?.limits?["memory"]
        let limit = limitText.flatMap(Quantity.parse)
        let peak = group.workload.pods.compactMap { evidence.usage(of: $0.metadata.name, container)?["memory"].flatMap(Quantity.parse) }.max()
        let observed = peak.map { used in
            let share = limit.map { " (\(Int((used / $0 * 100).rounded()))% of the limit)" } ?? ""
            return "; the metrics API last saw \(Quantity.mebibytes(used))\(share)"
        } ?? (evidence.metrics == nil ? "; no usage could be read (no metrics API)" : "")
        let limitWords = limitText.map { "its memory limit of \($0)" } ?? "the memory it may use (no limit is set, so the node ran out)"
        var finding = Finding(
            reason: .oomKilled, object: group.workload.identity, pods: group.podNames,
            summary: "Container \(container) of \(group.workload.description) is killed for using more than \(limitWords) (OOMKilled, exit code 137): \(group.share), \(EvidenceText.restarts(group.sample.restarts)) so far.",
            cause: Cause(.memoryLimitReached, "Its memory use reaches \(limitWords)\(observed)."),
            evidence: group.statusEvidence(in: evidence)
                + [EvidenceLine(.spec, "container \(container) resources: requests \(EvidenceText.quantities(group.containerSpec?.resources?.requests)); limits \(EvidenceText.quantities(group.containerSpec?.resources?.limits))")]
                + (peak.map { [EvidenceLine(.usage, "memory in use (highest of its pods): \(Quantity.mebibytes($0))")] } ?? []))
        let raised = Recommendation.raisedMemoryLimit(current: limit, peak: peak)
        let place = ChartValues.whereToSet({ ChartValues.resourceKey(component: $0, .limits, "memory") + " to \(Quantity.mebibytes(raised))" },
                                           fallback: "raise resources.limits.memory of container \(container) to \(Quantity.mebibytes(raised))",
                                           for: group.workload.deployment)
        finding.advice.append("Give it more memory: \(place). If usage keeps growing after that, look for a leak.")
        if let deployment = group.workload.deployment,
           let fix = Fixes.setResources(deployment, container: container, [ResourceField(.memory, .limit): Quantity.mebibytes(raised)], in: evidence) {
            finding.fixes.append(fix)
        }
        return finding
    }
}

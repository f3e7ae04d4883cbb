import KaiKube

/// The analyzers run over evidence values: no I/O, the same evidence gives the same findings.
/// Findings come root causes first: a dependency that is down, then each workload's pod
/// troubles in the order a pod meets them, then what follows from those (Services without
/// endpoints, a stalled rollout, an autoscaler that cannot scale).
///
/// ```swift
/// let diagnosis = Analysis.diagnose(evidence)
/// diagnosis.findings.first?.reason   // .dependencyDown
/// ```
public enum Analysis {
    /// The findings of `evidence.target`, root causes first, and a summary (healthy when there are none).
    public static func diagnose(_ evidence: Evidence) -> Diagnosis {
        let subjects = Workload.subjects(of: evidence)
        var sections: [(workload: Workload, findings: [Finding], link: DependencyAnalyzer.Link?)] = subjects.map { workload in
            let own = Analysis.findings(for: workload, in: evidence)
            return (workload, own, DependencyAnalyzer.link(workload, failures: own, in: evidence))
        }
        // A dependency's own findings are told once, as the cause in its DependencyDown finding.
        let merged = Set(sections.compactMap(\.link?.dependency))
        sections.removeAll { merged.contains($0.workload.deployment?.metadata.name ?? "") && $0.link == nil }
        var findings = sections.flatMap { section in (section.link.map { [$0.finding] } ?? []) + section.findings }
        if evidence.target.object == nil {
            let covered = Set(subjects.flatMap { ServiceAnalyzer.services(of: $0, in: evidence).map(\.metadata.name) })
            findings += ServiceAnalyzer.orphans(in: evidence, covered: covered)
        }
        findings = deduplicated(findings)
        return Diagnosis(target: evidence.target, findings: findings, summary: summary(findings, subjects: subjects, in: evidence),
                         unreadable: evidence.unreadable, apiCalls: evidence.apiCalls)
    }

    /// Every finding about one workload: its pods' troubles, then what follows from them.
    static func findings(for workload: Workload, in evidence: Evidence) -> [Finding] {
        var findings = TroubleGroup.groups(of: workload, in: evidence).map { finding(for: $0, in: evidence) }
        // A pod asked about alone is judged by itself; its deployment's Service and rollout are the deployment's matter.
        if evidence.target.object?.kind == .pod { return findings }
        if !findings.isEmpty {
            let lines = ServiceAnalyzer.services(of: workload, in: evidence).compactMap { ServiceAnalyzer.endpointLine($0, in: evidence) }
            findings[0].evidence += lines
        }
        findings += ServiceAnalyzer.findings(workload, explained: !findings.isEmpty, in: evidence)
        if let rollout = RolloutAnalyzer.finding(workload, podFindings: findings, in: evidence) { findings.append(rollout) }
        if findings.isEmpty { findings += AutoscalerAnalyzer.findings(workload, in: evidence) }
        return findings
    }

    /// The finding for one group of pods with one trouble.
    static func finding(for group: TroubleGroup, in evidence: Evidence) -> Finding {
        switch group.reason {
        case .oomKilled: OOMAnalyzer.finding(group, in: evidence)
        case .imagePullBackOff, .errImagePull: ImagePullAnalyzer.finding(group, in: evidence)
        case .unschedulable: SchedulingAnalyzer.finding(group, in: evidence)
        case .volumeClaimPending: VolumeClaimAnalyzer.finding(group, in: evidence)
        case .createContainerConfigError: ConfigErrorAnalyzer.finding(group, in: evidence)
        case .readinessProbeFailed, .livenessProbeFailed: ProbeAnalyzer.finding(group, in: evidence)
        default: CrashLoopAnalyzer.finding(group, in: evidence)
        }
    }

    /// The same reason about the same object once (a dependency shared by two workloads).
    private static func deduplicated(_ findings: [Finding]) -> [Finding] {
        var seen: Set<String> = []
        return findings.filter { seen.insert("\($0.reason)|\($0.object)").inserted }
    }

    private static func summary(_ findings: [Finding], subjects: [Workload], in evidence: Evidence) -> String {
        let target = evidence.target
        if let first = findings.first {
            let count = findings.count == 1 ? "1 problem" : "\(findings.count) problems"
            return "\(count) in \(target): \(first.summary)"
        }
        let pods = subjects.flatMap(\.pods)
        let ready = pods.filter(\.isReady).count
        let restarts = pods.reduce(0) { $0 + $1.restarts }
        let podWords = "\(ready) of \(pods.count) \(pods.count == 1 ? "pod" : "pods") ready, \(restarts) \(restarts == 1 ? "restart" : "restarts")"
        if ready < pods.count { return "No failure found in \(target) (\(podWords)): the pods that are not ready are still starting." }
        let scaledDown = subjects.compactMap(\.deployment).filter { $0.desiredReplicas == 0 }.map(\.metadata.name)
        let idle = scaledDown.isEmpty ? "" : " (\(scaledDown.joined(separator: ", ")) scaled to 0)"
        if target.object == nil {
            return "Namespace \(target.namespace) is healthy: \(subjects.compactMap(\.deployment).count) deployments, \(podWords)\(idle)."
        }
        return "\(target.description.capitalizedFirst) is healthy: \(podWords)\(idle)."
    }
}

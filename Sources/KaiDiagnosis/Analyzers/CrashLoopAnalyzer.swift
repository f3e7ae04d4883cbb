import KaiKube

/// CrashLoopBackOff: a container keeps exiting. The cause comes from its last log lines (the
/// previous run's first) or its exit code; a crash that began with the latest rollout's image
/// change suggests rolling back.
enum CrashLoopAnalyzer {
    static func finding(_ group: TroubleGroup, in evidence: Evidence) -> Finding {
        let pod = group.sample
        let container = group.container ?? ""
        let logs = evidence.logs(of: pod.metadata.name, container)
        let status = pod.containerStatuses.first { $0.name == container }
        let ended = status?.lastState?.terminated ?? status?.state?.terminated
        let match = CrashCause.recognise(lines: logs.flatMap(\.lines), exitCode: ended?.exitCode, signal: ended?.signal)
        let exit = ended.map { " (last exit: \(EvidenceText.termination($0)))" } ?? ""
        var finding = Finding(
            reason: .crashLoopBackOff, object: group.workload.identity, pods: group.podNames,
            summary: "Container \(container) of \(group.workload.description) keeps exiting\(exit) and the kubelet backs off restarting it: \(group.share) \(group.verb("crash-loops", "crash-loop")), \(EvidenceText.restarts(pod.restarts)) so far.",
            cause: match?.cause,
            evidence: group.statusEvidence(in: evidence) + logs.flatMap { EvidenceText.log($0, keep: match?.line) })
        if logs.isEmpty { finding.evidence.append(EvidenceLine(.status, "no log could be read for \(pod.metadata.name)/\(container)")) }
        advise(&finding, match: match, group: group, in: evidence)
        return finding
    }

    private static func advise(_ finding: inout Finding, match: CrashCause.Match?, group: TroubleGroup, in evidence: Evidence) {
        let deployment = group.workload.deployment
        // A database that is down or a volume the app may not write is not the image's doing: no rollback for those.
        let outside = [ReasonCode.databaseUnreachable, .permissionDenied].contains(match?.cause.reason)
        if let deployment, !outside, let change = Fixes.previousImage(of: deployment, container: group.container ?? "", in: evidence) {
            finding.evidence.append(EvidenceLine(.spec, "revision \(change.current.revision ?? 0) changed image \(change.from) -> \(change.to)"))
            finding.fixes.append(Fixes.rollback(deployment, in: evidence))
            finding.advice.append("If the crashes began with revision \(change.current.revision ?? 0) (image \(change.to)), rolling back to revision \(change.previous.revision ?? 0) (\(change.from)) restores the last version that ran.")
        }
        switch match?.cause.reason {
        case .missingEnvironmentVariable?:
            let name = match?.name ?? "the variable"
            finding.advice.append(EnvironmentAdvice.missing(name, in: group, evidence: evidence))
            if let deployment { finding.fixes.append(Fixes.restart(deployment, in: evidence)) }
        case .databaseUnreachable?:
            finding.advice.append("Check that the database is running and reachable from the pod (its Service, its pods' readiness, the connection settings); the app starts once it can connect.")
        case .portInUse?:
            finding.advice.append("Make the app listen on the port its container declares, and check that no sidecar or second process takes it.")
        case .moduleNotFound?:
            finding.advice.append("Rebuild the image so that it contains the missing module or file, or roll back to an image that does.")
        case .permissionDenied?:
            finding.advice.append("Give the pod's user access to the path: fsGroup or runAsUser in the pod's securityContext, or the volume's ownership.")
        case nil:
            finding.advice.append("Read the previous run's log (kai \"previous logs for \(group.workload.name)\") for the error that ends it.")
        default:
            break
        }
    }
}

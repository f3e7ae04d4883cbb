import KaiKube

/// Failing readiness or liveness probes: which probe (path, port or command), what it got back
/// (status code, refused, timeout), and what the container's log says meanwhile.
enum ProbeAnalyzer {
    static func finding(_ group: TroubleGroup, in evidence: Evidence) -> Finding {
        let liveness = group.reason == .livenessProbeFailed
        let container = group.container ?? ""
        let probe = liveness ? group.containerSpec?.livenessProbe : group.containerSpec?.readinessProbe
        let kind = liveness ? "Liveness" : "Readiness"
        let failure = evidence.events(about: "Pod", group.sample.metadata.name)
            .last { $0.reason == "Unhealthy" && $0.message?.hasPrefix("\(kind) probe failed") == true }?.message
        let check = probe?.check ?? "its \(kind.lowercased()) check"
        let logs = evidence.logs(of: group.sample.metadata.name, container)
        let crash = CrashCause.recognise(lines: logs.flatMap(\.lines), exitCode: nil, signal: nil)
        let consequence = liveness ? "so the kubelet kills and restarts the container" : "so \(group.verb("it gets", "they get")) no traffic from \(group.verb("its", "their")) Service"
        var finding = Finding(
            reason: group.reason, object: group.workload.identity, pods: group.podNames,
            summary: "\(group.share.capitalizedFirst) of \(group.workload.description) "
                + (liveness ? group.verb("fails", "fail") : group.verb("runs but is not ready: it fails", "run but are not ready: they fail"))
                + " the \(kind.lowercased()) probe (\(check))"
                + (failure.map { ": \(ClusterText.clip($0.replacingOccurrences(of: "\(kind) probe failed: ", with: ""), limit: 120))" } ?? "")
                + ", \(consequence).",
            cause: crash?.cause.reason == .databaseUnreachable ? crash?.cause : failure.map { cause($0, check: check) },
            evidence: group.statusEvidence(in: evidence)
                + (probe.map { [EvidenceLine(.spec, "container \(container) \(kind.lowercased()) probe: \(check)\(($0.periodSeconds).map { ", every \($0)s" } ?? "")")] } ?? [])
                + logs.flatMap { EvidenceText.log($0, keep: crash?.line) })
        let place = ChartValues.whereToSet({ ChartValues.probeKey(component: $0, liveness: liveness) },
                                           fallback: "its \(kind.lowercased())Probe in the manifest", for: group.workload.deployment)
        finding.advice.append("Find out why \(check) fails: the container's log (kai \"logs \(group.workload.name)\") and what it depends on; "
                              + "if the app is only slow to start, allow it more time (\(place): initialDelaySeconds, failureThreshold, or a startupProbe).")
        return finding
    }

    /// The probe's failure in kinds: an error status, a refused connection, a timeout, a failing command.
    static func cause(_ message: String, check: String) -> Cause {
        let lower = message.lowercased()
        if let match = message.firstMatch(of: #/statuscode: (\d{3})/#) {
            return Cause(.probeErrorStatus, "\(check.capitalizedFirst) answers HTTP \(match.output.1) instead of 2xx or 3xx.")
        }
        if lower.contains("connection refused") {
            return Cause(.probeConnectionRefused, "Nothing accepts connections for \(check): the app is not listening there (yet).")
        }
        if lower.contains("timeout") || lower.contains("deadline exceeded") {
            return Cause(.probeTimeout, "\(check.capitalizedFirst) does not answer within the probe's timeout.")
        }
        return Cause(.probeCommandFailed, "\(check.capitalizedFirst) fails: \(ClusterText.clip(message, limit: 160))")
    }
}

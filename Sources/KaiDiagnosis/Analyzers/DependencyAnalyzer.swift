import KaiKube

/// A dependency down: the workload's log says it cannot reach its database, the address it
/// names (a Service's name, cluster IP or port) leads to another workload of the namespace, and
/// that one is not ready. The dependency's own trouble is the cause; the workload's failure follows.
enum DependencyAnalyzer {
    /// What the dependency analysis found for one workload.
    struct Link: Sendable {
        let finding: Finding
        /// The deployment that is down, whose own findings this one takes over.
        let dependency: String
    }

    static func link(_ workload: Workload, failures: [Finding], in evidence: Evidence) -> Link? {
        guard failures.contains(where: { $0.cause?.reason == .databaseUnreachable }) else { return nil }
        let lines = workload.pods.flatMap { pod in evidence.logs.filter { $0.pod == pod.metadata.name }.flatMap(\.lines) }
        guard let match = CrashCause.database(lines), let address = match.address,
              let service = service(at: address, excluding: workload, in: evidence) else { return nil }
        let selected = evidence.pods(selectedBy: service)
        guard let deployment = evidence.deployments.first(where: { candidate in
            candidate.metadata.name != workload.deployment?.metadata.name
                && selected.contains { evidence.deployment(owning: $0)?.metadata.name == candidate.metadata.name }
        }) else { return nil }
        let dependency = Workload.workload(deployment, in: evidence)
        let ready = evidence.endpoints(of: service.metadata.name)?.readyPods.count ?? dependency.pods.filter(\.isReady).count
        guard ready == 0 else { return nil }
        let own = TroubleGroup.groups(of: dependency, in: evidence).first.map { Analysis.finding(for: $0, in: evidence) }
        let port = address.port.map { " port \($0)" } ?? ""
        let follows = failures.first.map { " That is why \(workload.name) fails (\($0.reason))." } ?? ""
        var finding = Finding(
            reason: .dependencyDown, object: dependency.identity, pods: own?.pods ?? dependency.pods.map(\.metadata.name),
            summary: "\(dependency.description.capitalizedFirst), which \(workload.name) connects to through Service \(service.metadata.name)\(port), has no ready pods"
                + (own.map { " (\($0.reason))" } ?? "") + ".\(follows)",
            cause: own.map { Cause($0.reason, $0.summary) } ?? Cause(.noReadyEndpoints, "Service \(service.metadata.name) has no ready endpoints."),
            evidence: [EvidenceLine(.log, "log of \(workload.name): \(ClusterText.clip(match.line ?? ""))")]
                + (ServiceAnalyzer.endpointLine(service, in: evidence).map { [$0] } ?? []) + (own?.evidence ?? dependency.pods.map(EvidenceText.pod)),
            fixes: own?.fixes ?? [], advice: own?.advice ?? [])
        finding.advice.append("Fix \(dependency.name) first; \(workload.name) recovers by itself once it can connect (its restarts back off up to 5 minutes, or restart it).")
        return Link(finding: finding, dependency: deployment.metadata.name)
    }

    /// The Service a failed connection went to: by name (or DNS name), cluster IP, or, failing those, a unique port.
    static func service(at address: CrashCause.Address, excluding workload: Workload, in evidence: Evidence) -> Service? {
        let candidates = evidence.services.filter { !evidence.services(selecting: workload.podLabels).contains($0) }
        if let host = address.host?.lowercased() {
            if let named = candidates.first(where: { host == $0.metadata.name || host.hasPrefix($0.metadata.name + ".") || host == $0.spec.clusterIP }) {
                return named
            }
        }
        guard let port = address.port else { return nil }
        let byPort = candidates.filter { $0.spec.ports?.contains { $0.port == port } == true }
        return byPort.count == 1 ? byPort[0] : nil
    }
}

import KaiKube

/// Services with nowhere to send traffic: a selector that matches no pod, or pods none of
/// which is ready. When the pods' own failure explains it, that finding gets the Service's
/// state as evidence instead of a second finding.
enum ServiceAnalyzer {
    /// The Services that belong to `workload`: those selecting its pods' labels, and those named
    /// like it (or sharing its component label) whose selector matches nothing.
    static func services(of workload: Workload, in evidence: Evidence) -> [Service] {
        let component = workload.podLabels[componentLabel]
        return evidence.services.filter { service in
            if evidence.services(selecting: workload.podLabels).contains(service) { return true }
            let related = service.metadata.name == workload.name || (component != nil && service.metadata.labels?[componentLabel] == component)
            return related && evidence.pods(selectedBy: service).isEmpty && service.spec.selector?.isEmpty == false
        }
    }

    /// "service todo-chatbot-backend: 0 ready endpoints, 2 not ready".
    static func endpointLine(_ service: Service, in evidence: Evidence) -> EvidenceLine? {
        guard let endpoints = evidence.endpoints(of: service.metadata.name) else { return nil }
        return EvidenceLine(.status, "service \(service.metadata.name): \(endpoints.readyPods.count) ready endpoints, \(endpoints.notReadyPods.count) not ready")
    }

    static func findings(_ workload: Workload, explained: Bool, in evidence: Evidence) -> [Finding] {
        services(of: workload, in: evidence).compactMap { service in
            let selected = evidence.pods(selectedBy: service)
            if selected.isEmpty { return mismatch(service, workload: workload, in: evidence) }
            guard !explained, let endpoints = evidence.endpoints(of: service.metadata.name), endpoints.readyPods.isEmpty,
                  selected.contains(where: { PodTrouble.isPastStartup($0, at: evidence.readAt) }) else { return nil }
            return noReadyEndpoints(service, workload: workload, pods: selected, in: evidence)
        }
    }

    /// The Services of the namespace that select nothing and belong to no deployment.
    static func orphans(in evidence: Evidence, covered: Set<String>) -> [Finding] {
        evidence.services.filter { !covered.contains($0.metadata.name) && $0.spec.selector?.isEmpty == false && evidence.pods(selectedBy: $0).isEmpty }
            .compactMap { mismatch($0, workload: nil, in: evidence) }
    }

    private static func mismatch(_ service: Service, workload: Workload?, in evidence: Evidence) -> Finding? {
        if let deployment = workload?.deployment, deployment.desiredReplicas == 0 { return scaledToZero(service, deployment, in: evidence) }
        let selector = LabelText.of(service.spec.selector ?? [:])
        var finding = Finding(
            reason: .serviceSelectorMismatch, object: evidence.identity("Service", service.metadata.name),
            summary: "Service \(service.metadata.name) selects \(selector), which no pod carries, so it has no endpoints and its clients get connection errors.",
            evidence: [EvidenceLine(.spec, "service \(service.metadata.name) selector: \(selector)")])
        if let workload {
            let labels = LabelText.of(workload.podLabels)
            let differing = (service.spec.selector ?? [:]).filter { workload.podLabels[$0.key] != $0.value }.keys.sorted()
            finding.evidence.append(EvidenceLine(.spec, "pods of \(workload.description) carry: \(labels)"))
            finding.advice.append("Make the selector match the pods' labels (differing: \(differing.joined(separator: ", "))), or the pods' labels match the selector; then the Service gets endpoints at once.")
        } else {
            finding.advice.append("Point the selector at the pods it should serve (kubectl get pods --show-labels), or remove the Service if nothing should serve it.")
        }
        return finding
    }

    private static func scaledToZero(_ service: Service, _ deployment: Deployment, in evidence: Evidence) -> Finding {
        let replicas = max(1, evidence.autoscaler(of: deployment.metadata.name)?.minReplicas ?? 1)
        var finding = Finding(
            reason: .noReadyEndpoints, object: evidence.identity("Service", service.metadata.name),
            summary: "Service \(service.metadata.name) has no endpoints because deployment \(deployment.metadata.name) is scaled to 0 replicas.",
            cause: Cause(.scaledToZero, "Deployment \(deployment.metadata.name) asks for 0 replicas, so no pod serves."),
            evidence: RolloutAnalyzer.status(of: deployment) + (endpointLine(service, in: evidence).map { [$0] } ?? []))
        if let fix = Fixes.scale(deployment, to: replicas, in: evidence) { finding.fixes.append(fix) }
        if let component = ChartValues.component(of: deployment) {
            finding.advice.append("The chart sets the count too: \(ChartValues.replicasKey(component: component)) in \(ChartValues.valuesFile) decides it at the next helm upgrade.")
        }
        return finding
    }

    private static func noReadyEndpoints(_ service: Service, workload: Workload, pods: [Pod], in evidence: Evidence) -> Finding {
        Finding(reason: .noReadyEndpoints, object: evidence.identity("Service", service.metadata.name), pods: pods.map(\.metadata.name),
                summary: "Service \(service.metadata.name) has no ready endpoints: none of its \(pods.count) pods is ready yet, so it sends no traffic.",
                evidence: (endpointLine(service, in: evidence).map { [$0] } ?? []) + pods.prefix(5).map(EvidenceText.pod),
                advice: ["Wait for the pods to become ready, or diagnose \(workload.name) again if they stay unready."])
    }
}

/// Label maps as selectors are written: "app=web,tier=front".
enum LabelText {
    static func of(_ labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}

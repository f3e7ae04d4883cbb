import KaiCore
import KaiKube

/// Requests and limits against observed usage, over evidence values (no I/O).
///
/// ```swift
/// let report = ResourceAnalysis.report(evidence)
/// report.containers.first?.recommended?.values.first?.key   // "backend.resources.requests.cpu"
/// ```
public enum ResourceAnalysis {
    /// Each container of `evidence.target` against its usage, with recommendations, node and autoscaler headroom.
    public static func report(_ evidence: Evidence) -> ResourceReport {
        let workloads = Workload.subjects(of: evidence)
        var containers: [ContainerResources] = []
        for workload in workloads {
            let specs = workload.deployment?.containers ?? workload.pods.first?.spec?.containers ?? []
            let cpuTarget = workload.deployment.flatMap { evidence.autoscaler(of: $0.metadata.name)?.cpuPercent }
            let component = workload.deployment.flatMap(ChartValues.component)
            for spec in specs {
                let usages = workload.pods.compactMap { evidence.usage(of: $0.metadata.name, spec.name) }
                let peak = usages.isEmpty ? nil : Amounts(cpu: usages.compactMap { $0["cpu"].flatMap(Quantity.parse) }.max(),
                                                          memory: usages.compactMap { $0["memory"].flatMap(Quantity.parse) }.max())
                let oom = workload.pods.contains { pod in
                    pod.containerStatuses.contains { $0.name == spec.name && ($0.lastState?.terminated?.reason == "OOMKilled" || $0.state?.terminated?.reason == "OOMKilled") }
                }
                let requests = amounts(spec.resources?.requests), limits = amounts(spec.resources?.limits)
                var recommended = peak.flatMap { Recommendation.recommend(requests: requests, limits: limits, peak: $0, cpuTarget: cpuTarget,
                                                                          oomKilled: oom, valuesComponent: component) }
                if let deployment = workload.deployment, let values = recommended {
                    recommended?.fix = Fixes.setResources(deployment, container: spec.name, [
                        ResourceField(.cpu, .request): values.requests.cpu.map(Quantity.millicores), ResourceField(.cpu, .limit): values.limits.cpu.map(Quantity.millicores),
                        ResourceField(.memory, .request): values.requests.memory.map(Quantity.mebibytes),
                        ResourceField(.memory, .limit): values.limits.memory.map(Quantity.mebibytes),
                    ].compactMapValues { $0 }, in: evidence)
                }
                containers.append(ContainerResources(
                    workload: workload.name, container: spec.name, podsMeasured: usages.count, requests: requests, limits: limits,
                    peakUsage: peak, oomKilled: oom, recommended: recommended))
            }
        }
        let nodes = (evidence.nodes ?? []).map { node in
            let scheduled = evidence.pods.filter { $0.spec?.nodeName == node.metadata.name && !["Succeeded", "Failed"].contains($0.phase) }
            let used = scheduled.reduce(Requests(cpu: 0, memory: 0)) { $0 + Requests.of($1) }
            return NodeHeadroom(node: node.metadata.name, allocatable: Amounts(cpu: node.allocatable("cpu"), memory: node.allocatable("memory")),
                                requested: Amounts(cpu: used.cpu, memory: used.memory), pods: scheduled.count)
        }
        let free = evidence.nodes == nil ? nil : nodes.reduce(Requests(cpu: 0, memory: 0)) { $0 + Requests(cpu: $1.free.cpu ?? 0, memory: $1.free.memory ?? 0) }
        let autoscalers = workloads.compactMap { workload -> AutoscalerHeadroom? in
            guard let deployment = workload.deployment, let autoscaler = evidence.autoscaler(of: deployment.metadata.name) else { return nil }
            let current = autoscaler.status?.currentReplicas ?? deployment.desiredReplicas
            let perPod = deployment.containers.reduce(Requests(cpu: 0, memory: 0)) { $0 + Requests.of($1) }
            let more = Double(max(0, autoscaler.spec.maxReplicas - current))
            let extra = Requests(cpu: perPod.cpu * more, memory: perPod.memory * more)
            return AutoscalerHeadroom(autoscaler: autoscaler.metadata.name, deployment: deployment.metadata.name, current: current,
                                      min: autoscaler.minReplicas, max: autoscaler.spec.maxReplicas, cpuTarget: autoscaler.cpuPercent,
                                      extraRequests: Amounts(cpu: extra.cpu, memory: extra.memory),
                                      fits: free.map { extra.cpu <= $0.cpu && extra.memory <= $0.memory })
        }
        var notes = evidence.unreadable
        if evidence.metrics != nil, containers.contains(where: { $0.peakUsage != nil }) {
            notes.append("Usage is the metrics API's latest window (about 15 s) across each workload's pods: a sample, not a history. Before lowering a limit, look at a busy hour (kubectl top, or your monitoring).")
        } else if !containers.isEmpty {
            notes.append("No usage was available, so there are no recommendations: is metrics-server running? (minikube addons enable metrics-server)")
        }
        return ResourceReport(target: evidence.target, containers: containers, nodes: nodes, autoscalers: autoscalers, notes: notes,
                              apiCalls: evidence.apiCalls)
    }

    private static func amounts(_ values: [String: String]?) -> Amounts {
        Amounts(cpu: values?["cpu"].flatMap(Quantity.parse), memory: values?["memory"].flatMap(Quantity.parse))
    }
}

/// Reads what the `resources` operation needs (5 lists in parallel) and reports.
public struct ResourceReader: Sendable {
    public let collector: EvidenceCollector

    /// A reader through `client`.
    public init(client: KubeClient) { collector = EvidenceCollector(client: client) }

    /// The report for `target` (a deployment, a pod, or the namespace when its object is nil).
    public func report(_ target: DiagnosisTarget) async throws -> ResourceReport {
        let evidence = try await collector.collectUsage(target)
        if let object = target.object, !evidence.contains(object) { throw DiagnosisError.gone(object) }
        return ResourceAnalysis.report(evidence)
    }
}

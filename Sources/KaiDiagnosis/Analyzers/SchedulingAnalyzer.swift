import KaiKube

/// Unschedulable: no node can take the pod. Which resource is short comes from the scheduler's
/// message; the evidence adds each node's allocatable capacity against what is already requested.
enum SchedulingAnalyzer {
    static func finding(_ group: TroubleGroup, in evidence: Evidence) -> Finding {
        let pod = group.sample
        let message = pod.status?.conditions?["PodScheduled"]?.message
            ?? evidence.events(about: "Pod", pod.metadata.name).last { $0.reason == "FailedScheduling" }?.message ?? ""
        let requests = Requests.of(pod)
        var finding = Finding(
            reason: .unschedulable, object: group.workload.identity, pods: group.podNames,
            summary: "\(group.share.capitalizedFirst) of \(group.workload.description) cannot be scheduled: no node has room for \(group.verb("it", "them")) (\(ClusterText.clip(message, limit: 120))).",
            cause: cause(message),
            evidence: group.statusEvidence(in: evidence)
                + [EvidenceLine(.spec, "each pod requests cpu \(Quantity.millicores(requests.cpu)), memory \(Quantity.mebibytes(requests.memory))")]
                + nodeLines(in: evidence))
        let short = finding.cause?.reason == .insufficientMemory ? "memory" : "cpu"
        let container = pod.spec?.containers?.first?.name ?? "the container"
        let place = ChartValues.whereToSet({ ChartValues.resourceKey(component: $0, .requests, short) },
                                           fallback: "lower resources.requests.\(short) of container \(container)", for: group.workload.deployment)
        finding.advice.append("Ask for less or make room: \(place) if the pods need less than they request (kai \"resources \(group.workload.name)\" compares with their use), or add capacity to the cluster (a larger node, or another one).")
        return finding
    }

    static func cause(_ message: String) -> Cause {
        if message.contains("Insufficient cpu") {
            return Cause(.insufficientCPU, "No node has enough CPU left unrequested for the pod's request.")
        }
        if message.contains("Insufficient memory") {
            return Cause(.insufficientMemory, "No node has enough memory left unrequested for the pod's request.")
        }
        return Cause(.noMatchingNode, "No node matches the pod's constraints (node selector, affinity, taints): \(ClusterText.clip(message, limit: 160))")
    }

    /// "node kai-sandbox: cpu 2000m allocatable, 350m requested (18%), …".
    static func nodeLines(in evidence: Evidence) -> [EvidenceLine] {
        guard let nodes = evidence.nodes else { return [EvidenceLine(.usage, "node capacity: not readable here")] }
        return nodes.map { node in
            let scheduled = evidence.pods.filter { $0.spec?.nodeName == node.metadata.name && !["Succeeded", "Failed"].contains($0.phase) }
            let used = scheduled.reduce(Requests(cpu: 0, memory: 0)) { $0 + Requests.of($1) }
            let cpu = node.allocatable("cpu") ?? 0, memory = node.allocatable("memory") ?? 0
            return EvidenceLine(.usage, "node \(node.metadata.name): cpu \(Quantity.millicores(cpu)) allocatable, \(Quantity.millicores(used.cpu)) requested by \(scheduled.count) pods"
                                + " (\(Quantity.millicores(max(0, cpu - used.cpu))) free); memory \(Quantity.mebibytes(memory)) allocatable, \(Quantity.mebibytes(used.memory)) requested"
                                + " (\(Quantity.mebibytes(max(0, memory - used.memory))) free)")
        }
    }
}

/// The CPU (cores) and memory (bytes) a pod or container requests.
struct Requests: Sendable, Hashable {
    var cpu: Double
    var memory: Double

    static func of(_ pod: Pod) -> Requests {
        (pod.spec?.containers ?? []).reduce(Requests(cpu: 0, memory: 0)) { $0 + of($1) }
    }

    static func of(_ container: PodTemplate.Container) -> Requests {
        // A resource with a limit and no request is requested at its limit, as the API defaults it.
        let value = { (name: String) in (container.resources?.requests?[name] ?? container.resources?.limits?[name]).flatMap(Quantity.parse) ?? 0 }
        return Requests(cpu: value("cpu"), memory: value("memory"))
    }

    static func + (lhs: Requests, rhs: Requests) -> Requests { Requests(cpu: lhs.cpu + rhs.cpu, memory: lhs.memory + rhs.memory) }
}

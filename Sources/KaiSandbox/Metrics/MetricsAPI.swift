import Foundation

/// The `metrics.k8s.io/v1beta1` API that metrics-server serves: PodMetrics for running pods
/// and NodeMetrics for the node, computed from the store when asked, never stored.
struct MetricsAPI: Sendable {
    let store: ObjectStore
    let faults: FaultBook

    /// How often metrics-server scrapes; reported as each sample's window.
    static let window = "15s"

    /// PodMetrics of the running pods in scope, or NodeMetrics of the node.
    func list(_ scope: Scope, now: Date = Date()) async -> [JSONValue] {
        if scope.resource.kind == "NodeMetrics" { return [await nodeMetrics(now: now)].filter(scope.contains) }
        var items: [JSONValue] = []
        for pod in await store.all(ResourceCatalog.pod, namespace: scope.namespace) where scope.contains(pod) {
            if let metrics = await podMetrics(pod, now: now) { items.append(metrics) }
        }
        return items
    }

    /// One pod's or the node's metrics; a 404 as metrics-server words it when there are none.
    func get(_ resource: ResourceType, namespace: String?, name: String, now: Date = Date()) async throws(APIError) -> JSONValue {
        if resource.kind == "NodeMetrics" {
            guard name == SandboxNode.name else { throw APIError.notFound(resource, name) }
            return await nodeMetrics(now: now)
        }
        guard let pod = try? await store.get(ResourceCatalog.pod, namespace: namespace, name: name),
              let metrics = await podMetrics(pod, now: now) else {
            throw APIError(code: 404, reason: "NotFound", message: "podmetrics.metrics.k8s.io \"\(namespace ?? "")/\(name)\" not found",
                           details: ["name": .string(name), "group": "metrics.k8s.io", "kind": "pods"])
        }
        return metrics
    }

    /// The summed usage of a pod's running containers, for the autoscaler.
    func usage(of pod: JSONValue, now: Date = Date()) async -> Resources? {
        guard let containers = await containerUsage(of: pod, now: now) else { return nil }
        return containers.reduce(Resources(cpuMillis: 0, memoryMiB: 0)) { $0 + $1.usage }
    }

    /// The usage of each running container of `pod`; nil when none is running.
    private func containerUsage(of pod: JSONValue, now: Date) async -> [(name: JSONValue, usage: Resources)]? {
        let statuses = pod[path: "status.containerStatuses"].array ?? []
        let running = (pod[path: "spec.containers"].array ?? []).filter { container in
            statuses.contains { $0["name"] == container["name"] && !$0[path: "state.running"].isNull }
        }
        guard !running.isEmpty else { return nil }
        let fault = await faults.fault(for: Kubelet.component(pod))
        return running.map { ($0["name"], UsageModel.usage(of: $0, in: pod, fault: fault, at: now)) }
    }

    private func podMetrics(_ pod: JSONValue, now: Date) async -> JSONValue? {
        guard let containers = await containerUsage(of: pod, now: now) else { return nil }
        return ["kind": "PodMetrics", "apiVersion": "metrics.k8s.io/v1beta1",
                "metadata": ["name": pod[path: "metadata.name"], "namespace": pod[path: "metadata.namespace"],
                             "labels": pod[path: "metadata.labels"], "creationTimestamp": .string(Timestamp.format(now))],
                "timestamp": .string(Timestamp.format(now.addingTimeInterval(-5))), "window": .string(Self.window),
                "containers": .array(containers.map { ["name": $0.name, "usage": Self.usage($0.usage)] })]
    }

    private func nodeMetrics(now: Date) async -> JSONValue {
        var total = Resources(cpuMillis: 180, memoryMiB: 900)  // the control plane and system pods
        for pod in await store.all(ResourceCatalog.pod) {
            if let used = await usage(of: pod, now: now) { total = total + used }
        }
        return ["kind": "NodeMetrics", "apiVersion": "metrics.k8s.io/v1beta1",
                "metadata": ["name": .string(SandboxNode.name), "labels": SandboxNode.object[path: "metadata.labels"],
                             "creationTimestamp": .string(Timestamp.format(now))],
                "timestamp": .string(Timestamp.format(now.addingTimeInterval(-5))), "window": .string(Self.window),
                "usage": Self.usage(total)]
    }

    /// Usage as metrics-server writes it: CPU in nanocores, memory in KiB.
    private static func usage(_ resources: Resources) -> JSONValue {
        ["cpu": .string("\(resources.cpuMillis * 1_000_000)n"), "memory": .string("\(resources.memoryMiB * 1024)Ki")]
    }
}

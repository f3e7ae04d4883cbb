import KaiCore
import KaiKube

extension ReadRunner {
    /// Each container's CPU and memory requests and limits beside its observed usage (the
    /// highest of its pods', from the metrics API).
    func resources(_ target: ObjectReference?, in namespace: String) async throws -> [String] {
        var deployments = try await client.list(Deployment.self, .deployments, in: namespace).items
        var pods = try await client.list(Pod.self, .pods, in: namespace).items
        if let target {
            switch target.kind {
            case .deployment: deployments = deployments.filter { $0.metadata.name == target.name }
            case .pod:
                pods = pods.filter { $0.metadata.name == target.name }
                deployments = []
            }
        }
        let metrics: [PodMetrics]
        do {
            metrics = try await client.list(PodMetrics.self, .podMetrics, in: namespace).items
        } catch let error as KubeError where error.reason == .notFound {
            metrics = []
        }
        var rows: [[String]] = []
        for deployment in deployments {
            let selector = deployment.spec.selector?.matchLabels ?? [:]
            let owned = pods.filter { pod in selector.allSatisfy { pod.metadata.labels?[$0.key] == $0.value } }
            for container in deployment.containers {
                rows.append(row(workload: deployment.metadata.name, container: container, pods: owned.map(\.metadata.name), metrics: metrics))
            }
        }
        if target?.kind == .pod {
            for pod in pods {
                for container in pod.spec?.containers ?? [] {
                    rows.append(row(workload: pod.metadata.name, container: container, pods: [pod.metadata.name], metrics: metrics))
                }
            }
        }
        guard !rows.isEmpty else { return ["No workloads to measure in namespace \(namespace)."] }
        var lines = TextTable.render(["WORKLOAD", "CONTAINER", "CPU REQ/LIMIT", "CPU USED", "MEMORY REQ/LIMIT", "MEMORY USED"], rows)
        if metrics.isEmpty { lines.append("The metrics API gave no usage (is metrics-server running? `minikube addons enable metrics-server`).") }
        return lines
    }

    private func row(workload: String, container: PodTemplate.Container, pods: [String], metrics: [PodMetrics]) -> [String] {
        let usage = metrics.filter { pods.contains($0.metadata.name) }.compactMap { $0.containers.first { $0.name == container.name }?.usage }
        func used(_ resource: String, _ format: (Double) -> String, request: String?) -> String {
            let values = usage.compactMap { $0[resource].flatMap(Quantity.parse) }
            guard let peak = values.max() else { return "-" }
            guard let request = request.flatMap(Quantity.parse), request > 0 else { return format(peak) }
            return "\(format(peak)) (\(Int((peak / request * 100).rounded()))% of request)"
        }
        let requests = container.resources?.requests
        let limits = container.resources?.limits
        return [workload, container.name,
                "\(requests?["cpu"] ?? "-")/\(limits?["cpu"] ?? "-")", used("cpu", Quantity.millicores, request: requests?["cpu"]),
                "\(requests?["memory"] ?? "-")/\(limits?["memory"] ?? "-")", used("memory", Quantity.mebibytes, request: requests?["memory"])]
    }
}

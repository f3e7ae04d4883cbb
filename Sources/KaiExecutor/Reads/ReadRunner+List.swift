import Foundation
import KaiCore
import KaiKube

extension ReadRunner {
    func list(_ list: CatalogOperation.List) async throws -> [String] {
        let namespace = list.namespace
        let labels = list.selector?.text
        let fields = list.fieldSelector?.text
        let table: [String]
        switch list.kind {
        case .pods:
            let items = try await client.list(Pod.self, .pods, in: namespace, labelSelector: labels, fieldSelector: fields).items
            table = items.isEmpty ? [] : TextTable.render(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], items.map { pod in
                let ready = pod.containerStatuses.filter(\.ready).count
                let total = max(pod.containerStatuses.count, pod.spec?.containers?.count ?? 0)
                return [pod.metadata.name, "\(ready)/\(total)", pod.displayStatus, String(pod.restarts), Age.since(pod.metadata.created)]
            })
        case .deployments:
            let items = try await client.list(Deployment.self, .deployments, in: namespace, labelSelector: labels, fieldSelector: fields).items
            table = items.isEmpty ? [] : TextTable.render(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], items.map { deployment in
                let status = deployment.status
                return [deployment.metadata.name, "\(status?.readyReplicas ?? 0)/\(deployment.desiredReplicas)",
                        String(status?.updatedReplicas ?? 0), String(status?.availableReplicas ?? 0), Age.since(deployment.metadata.created)]
            })
        case .replicasets:
            let items = try await client.list(ReplicaSet.self, .replicaSets, in: namespace, labelSelector: labels, fieldSelector: fields).items
            table = items.isEmpty ? [] : TextTable.render(["NAME", "DESIRED", "CURRENT", "READY", "AGE"], items.map { set in
                [set.metadata.name, String(set.spec.replicas ?? 0), String(set.status?.replicas ?? 0),
                 String(set.status?.readyReplicas ?? 0), Age.since(set.metadata.created)]
            })
        case .services:
            let items = try await client.list(Service.self, .services, in: namespace, labelSelector: labels, fieldSelector: fields).items
            table = items.isEmpty ? [] : TextTable.render(["NAME", "TYPE", "CLUSTER-IP", "PORT(S)", "AGE"], items.map { service in
                let ports = (service.spec.ports ?? []).map { port in
                    "\(port.port)\(port.nodePort.map { ":\($0)" } ?? "")/\(port.protocol ?? "TCP")"
                }
                return [service.metadata.name, service.spec.type ?? "ClusterIP", service.spec.clusterIP ?? "<none>",
                        ports.isEmpty ? "<none>" : ports.joined(separator: ","), Age.since(service.metadata.created)]
            })
        case .events:
            let items = try await client.list(Event.self, .events, in: namespace, labelSelector: labels, fieldSelector: fields).items
            table = eventTable(items)
        case .hpa:
            let items = try await client.list(Autoscaler.self, .autoscalers, in: namespace, labelSelector: labels, fieldSelector: fields).items
            table = items.isEmpty ? [] : TextTable.render(["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"], items.map { hpa in
                [hpa.metadata.name, "\(hpa.spec.scaleTargetRef.kind)/\(hpa.spec.scaleTargetRef.name)",
                 hpa.cpuPercent.map { "cpu: \($0)%" } ?? "<none>", String(hpa.minReplicas), String(hpa.spec.maxReplicas),
                 String(hpa.status?.currentReplicas ?? 0), Age.since(hpa.metadata.created)]
            })
        case .configmaps:
            let items = try await client.list(ConfigMap.self, .configMaps, in: namespace, labelSelector: labels, fieldSelector: fields).items
            table = items.isEmpty ? [] : TextTable.render(["NAME", "DATA", "AGE"], items.map { map in
                [map.metadata.name, String(map.keys.count), Age.since(map.metadata.created)]
            })
        }
        guard table.isEmpty else { return table }
        var filters: [String] = []
        if let labels { filters.append("labels \(labels)") }
        if let fields { filters.append("fields \(fields)") }
        return ["No \(list.kind.displayName) in namespace \(namespace)" + (filters.isEmpty ? "." : " matching " + filters.joined(separator: " and ") + ".")]
    }

    /// Events oldest first, as `kubectl get events` shows them; messages are clipped data.
    func eventTable(_ events: [Event]) -> [String] {
        let sorted = events.sorted { ($0.time ?? .distantPast) < ($1.time ?? .distantPast) }
        guard !sorted.isEmpty else { return [] }
        return TextTable.render(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], sorted.map { event in
            let object = "\(event.involvedObject.kind?.lowercased() ?? "object")/\(event.involvedObject.name ?? "?")"
            return [Age.since(event.time), event.type ?? "Normal", event.reason ?? "", object, ClusterText.clip(event.message ?? "")]
        })
    }
}

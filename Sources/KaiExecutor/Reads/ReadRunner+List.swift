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
            table = items.isEmpty ? [] : TextTable.render(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IMAGES"], items.map { pod in
                let ready = pod.containerStatuses.filter(\.ready).count
                let total = max(pod.containerStatuses.count, pod.spec?.containers?.count ?? 0)
                let images = (pod.spec?.containers ?? []).compactMap(\.image).joined(separator: ",")
                return [pod.metadata.name, "\(ready)/\(total)", pod.displayStatus, String(pod.restarts), Age.since(pod.metadata.created), images]
            }) + (items.isEmpty || list.fieldSelector != nil ? [] : [Self.runningSummary(items)])
        case .deployments:
            let items = try await client.list(Deployment.self, .deployments, in: namespace, labelSelector: labels, fieldSelector: fields).items
            table = items.isEmpty ? [] : TextTable.render(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "IMAGES"], items.map { deployment in
                let status = deployment.status
                return [deployment.metadata.name, "\(status?.readyReplicas ?? 0)/\(deployment.desiredReplicas)",
                        String(status?.updatedReplicas ?? 0), String(status?.availableReplicas ?? 0), Age.since(deployment.metadata.created),
                        deployment.containerImages.map(\.image).joined(separator: ",")]
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

    /// The line that answers "are all pods running?" under a list of every pod: yes, or which are not.
    static func runningSummary(_ pods: [Pod]) -> String {
        let notRunning = pods.filter { $0.phase != "Running" || $0.displayStatus != "Running" }
        guard !notRunning.isEmpty else { return "All \(pods.count) \(pods.count == 1 ? "pod is" : "pods are") running." }
        let names = notRunning.prefix(5).map { "\($0.metadata.name) (\($0.displayStatus))" }.joined(separator: ", ")
        let more = notRunning.count > 5 ? " and \(notRunning.count - 5) more" : ""
        return "Not all pods are running: \(notRunning.count) of \(pods.count) \(notRunning.count == 1 ? "is" : "are") not: \(names)\(more)."
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

import Foundation

/// The `meta.k8s.io/v1` Table that `kubectl get` asks for: columns as a real server defines
/// them per kind (priority-1 columns appear with `-o wide`), one row per object.
enum TableView {
    struct Column: Sendable {
        let name: String
        let type: String
        let priority: Int
        let cell: @Sendable (JSONValue, Date) -> JSONValue

        init(_ name: String, _ type: String = "string", priority: Int = 0, _ cell: @escaping @Sendable (JSONValue, Date) -> JSONValue) {
            self.name = name
            self.type = type
            self.priority = priority
            self.cell = cell
        }
    }

    static func table(_ resource: ResourceType, _ objects: [JSONValue], revision: Int64, includeObject: String?, now: Date = Date()) -> JSONValue {
        let columns = self.columns(for: resource)
        let rows: [JSONValue] = objects.map { object in
            var row: JSONValue = ["cells": .array(columns.map { $0.cell(object, now) })]
            switch includeObject ?? "Metadata" {
            case "None": break
            case "Object": row["object"] = object
            default:
                row["object"] = ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"]]
            }
            return row
        }
        return ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": ["resourceVersion": .string(String(revision))],
                "columnDefinitions": .array(columns.map { column in
                    ["name": .string(column.name), "type": .string(column.type), "format": column.name == "Name" ? "name" : "",
                     "description": .string(column.name), "priority": .int(Int64(column.priority))]
                }),
                "rows": .array(rows)]
    }

    private static let name = Column("Name") { object, _ in object[path: "metadata.name"] }
    private static let age = Column("Age") { object, now in .string(age(object[path: "metadata.creationTimestamp"].string, now: now)) }

    static func columns(for resource: ResourceType) -> [Column] {
        switch resource.kind {
        case "Pod": return podColumns
        case "Deployment": return deploymentColumns
        case "ReplicaSet": return replicaSetColumns
        case "Service": return serviceColumns
        case "Event": return eventColumns
        case "Namespace": return [name, Column("Status") { object, _ in object[path: "status.phase"].isNull ? "Active" : object[path: "status.phase"] }, age]
        case "Node": return nodeColumns
        case "HorizontalPodAutoscaler": return autoscalerColumns
        case "ConfigMap": return [name, Column("Data", "integer") { object, _ in .int(Int64(object["data"].object?.count ?? 0)) }, age]
        case "Secret":
            return [name, Column("Type") { object, _ in object["type"].isNull ? "Opaque" : object["type"] },
                    Column("Data", "integer") { object, _ in .int(Int64(object["data"].object?.count ?? 0)) }, age]
        case "PersistentVolumeClaim":
            return [name, Column("Status") { object, _ in object[path: "status.phase"].isNull ? "Pending" : object[path: "status.phase"] },
                    Column("Volume") { object, _ in .string(object[path: "spec.volumeName"].string ?? "") },
                    Column("Capacity") { object, _ in .string(object[path: "status.capacity.storage"].string ?? "") }, age]
        default: return [name, age]
        }
    }

    // MARK: Kinds

    private static let podColumns: [Column] = [
        name,
        Column("Ready") { object, _ in
            let statuses = object[path: "status.containerStatuses"].array ?? []
            let total = object[path: "spec.containers"].array?.count ?? statuses.count
            return .string("\(statuses.filter { $0["ready"].bool == true }.count)/\(total)")
        },
        Column("Status") { object, _ in .string(PodStatus.summary(object)) },
        Column("Restarts", "integer") { object, _ in
            .int(Int64((object[path: "status.containerStatuses"].array ?? []).reduce(0) { $0 + ($1["restartCount"].int ?? 0) }))
        },
        age,
        Column("IP", priority: 1) { object, _ in .string(object[path: "status.podIP"].string ?? "<none>") },
        Column("Node", priority: 1) { object, _ in .string(object[path: "spec.nodeName"].string ?? "<none>") },
        Column("Nominated Node", priority: 1) { _, _ in "<none>" },
        Column("Readiness Gates", priority: 1) { _, _ in "<none>" },
    ]

    private static let deploymentColumns: [Column] = [
        name,
        Column("Ready") { object, _ in
            .string("\(object[path: "status.readyReplicas"].int ?? 0)/\(object[path: "spec.replicas"].int ?? 1)")
        },
        Column("Up-to-date", "integer") { object, _ in .int(Int64(object[path: "status.updatedReplicas"].int ?? 0)) },
        Column("Available", "integer") { object, _ in .int(Int64(object[path: "status.availableReplicas"].int ?? 0)) },
        age,
        Column("Containers", priority: 1) { object, _ in .string(containerField(object, "name")) },
        Column("Images", priority: 1) { object, _ in .string(containerField(object, "image")) },
        Column("Selector", priority: 1) { object, _ in
            .string(LabelText.selector(object[path: "spec.selector.matchLabels"].stringMap))
        },
    ]

    private static let replicaSetColumns: [Column] = [
        name,
        Column("Desired", "integer") { object, _ in .int(Int64(object[path: "spec.replicas"].int ?? 1)) },
        Column("Current", "integer") { object, _ in .int(Int64(object[path: "status.replicas"].int ?? 0)) },
        Column("Ready", "integer") { object, _ in .int(Int64(object[path: "status.readyReplicas"].int ?? 0)) },
        age,
        Column("Containers", priority: 1) { object, _ in .string(containerField(object, "name")) },
        Column("Images", priority: 1) { object, _ in .string(containerField(object, "image")) },
        Column("Selector", priority: 1) { object, _ in
            .string(LabelText.selector(object[path: "spec.selector.matchLabels"].stringMap))
        },
    ]

    private static let serviceColumns: [Column] = [
        name,
        Column("Type") { object, _ in .string(object[path: "spec.type"].string ?? "ClusterIP") },
        Column("Cluster-IP") { object, _ in .string(object[path: "spec.clusterIP"].string ?? "<none>") },
        Column("External-IP") { _, _ in "<none>" },
        Column("Port(s)") { object, _ in
            .string((object[path: "spec.ports"].array ?? []).map { port in
                let node = port["nodePort"].int.map { ":\($0)" } ?? ""
                return "\(port["port"].int ?? 0)\(node)/\(port["protocol"].string ?? "TCP")"
            }.joined(separator: ","))
        },
        age,
        Column("Selector", priority: 1) { object, _ in .string(LabelText.selector(object[path: "spec.selector"].stringMap)) },
    ]

    /// Core events and events.k8s.io events name the same fields differently.
    private static let eventColumns: [Column] = [
        Column("Last Seen") { object, now in
            .string(age(object["lastTimestamp"].string ?? object["deprecatedLastTimestamp"].string ?? object["eventTime"].string
                        ?? object[path: "metadata.creationTimestamp"].string, now: now))
        },
        Column("Type") { object, _ in object["type"] },
        Column("Reason") { object, _ in object["reason"] },
        Column("Object") { object, _ in
            let subject = object["involvedObject"].isNull ? object["regarding"] : object["involvedObject"]
            return .string("\((subject["kind"].string ?? "").lowercased())/\(subject["name"].string ?? "")")
        },
        Column("Message") { object, _ in object["message"].isNull ? object["note"] : object["message"] },
    ]

    private static let nodeColumns: [Column] = [
        name,
        Column("Status") { object, _ in
            let ready = (object[path: "status.conditions"].array ?? []).first { $0["type"].string == "Ready" }
            return ready?["status"].string == "True" ? "Ready" : "NotReady"
        },
        Column("Roles") { _, _ in "control-plane" },
        age,
        Column("Version") { object, _ in .string(object[path: "status.nodeInfo.kubeletVersion"].string ?? "") },
    ]

    private static let autoscalerColumns: [Column] = [
        name,
        Column("Reference") { object, _ in
            .string("\(object[path: "spec.scaleTargetRef.kind"].string ?? "")/\(object[path: "spec.scaleTargetRef.name"].string ?? "")")
        },
        Column("Targets") { object, _ in
            let target = (object[path: "spec.metrics"].array ?? []).first?[path: "resource.target.averageUtilization"].int
            let current = (object[path: "status.currentMetrics"].array ?? []).first?[path: "resource.current.averageUtilization"].int
            return .string("cpu: \(current.map { "\($0)%" } ?? "<unknown>")/\(target.map { "\($0)%" } ?? "<none>")")
        },
        Column("MinPods", "integer") { object, _ in .int(Int64(object[path: "spec.minReplicas"].int ?? 1)) },
        Column("MaxPods", "integer") { object, _ in .int(Int64(object[path: "spec.maxReplicas"].int ?? 0)) },
        Column("Replicas", "integer") { object, _ in .int(Int64(object[path: "status.currentReplicas"].int ?? 0)) },
        age,
    ]

    private static func containerField(_ object: JSONValue, _ field: String) -> String {
        (object[path: "spec.template.spec.containers"].array ?? []).compactMap { $0[field].string }.joined(separator: ",")
    }

    /// Ages as kubectl prints them: 45s, 3m12s, 25m, 5h10m, 2d3h, 12d.
    static func age(_ timestamp: String?, now: Date) -> String {
        guard let timestamp, let date = Timestamp.parse(timestamp) else { return "<unknown>" }
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        let (minutes, hours, days) = (seconds / 60, seconds / 3600, seconds / 86_400)
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<600: return "\(minutes)m\(seconds % 60 == 0 ? "" : "\(seconds % 60)s")"
        case ..<10_800: return "\(minutes)m"
        case ..<28_800: return "\(hours)h\(minutes % 60 == 0 ? "" : "\(minutes % 60)m")"
        case ..<172_800: return "\(hours)h"
        case ..<691_200: return "\(days)d\(hours % 24 == 0 ? "" : "\(hours % 24)h")"
        default: return "\(days)d"
        }
    }
}

/// Label maps written as selectors: `a=b,c=d`, sorted.
enum LabelText {
    static func selector(_ labels: [String: String]) -> String {
        labels.isEmpty ? "<none>" : labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}

/// The STATUS column of a pod, worked out as kubectl's printer does: a waiting or terminated
/// container's reason wins over the phase.
enum PodStatus {
    static func summary(_ pod: JSONValue) -> String {
        if !pod[path: "metadata.deletionTimestamp"].isNull { return "Terminating" }
        for status in pod[path: "status.initContainerStatuses"].array ?? [] {
            if let reason = status[path: "state.waiting.reason"].string, reason != "PodInitializing" { return "Init:\(reason)" }
            if status[path: "state.terminated.exitCode"].int.map({ $0 != 0 }) ?? false { return "Init:Error" }
            if !status[path: "state.running"].isNull { return "Init:0/1" }
        }
        var reason = pod[path: "status.reason"].string ?? pod[path: "status.phase"].string ?? "Pending"
        for status in pod[path: "status.containerStatuses"].array ?? [] {
            if let waiting = status[path: "state.waiting.reason"].string {
                reason = waiting
            } else if let terminated = status[path: "state.terminated.reason"].string {
                reason = terminated
            }
        }
        return reason
    }
}

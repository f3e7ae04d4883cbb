import KaiCore
import KaiKube

extension ReadRunner {
    func describe(_ object: ObjectReference) async throws -> [String] {
        switch object.kind {
        case .deployment: try await describeDeployment(object)
        case .pod: try await describePod(object)
        }
    }

    private func describeDeployment(_ reference: ObjectReference) async throws -> [String] {
        let deployment = try await client.get(Deployment.self, .deployments, reference.name, in: reference.namespace)
        let status = deployment.status
        var lines = [
            "Name:          \(deployment.metadata.name)",
            "Namespace:     \(reference.namespace)",
            "Created:       \(Age.since(deployment.metadata.created)) ago",
            "Selector:      \(deployment.spec.selector?.queryText ?? "<none>")",
            "Replicas:      \(deployment.desiredReplicas) desired | \(status?.updatedReplicas ?? 0) updated | \(status?.replicas ?? 0) total | \(status?.availableReplicas ?? 0) available | \(status?.unavailableReplicas ?? 0) unavailable",
            "Strategy:      \(deployment.spec.strategy?.type ?? "RollingUpdate")",
            "Revision:      \(deployment.revision.map(String.init) ?? "<none>")",
            "Containers:",
        ]
        for container in deployment.containers {
            lines.append("  \(container.name):  image \(container.image ?? "<none>")\(Self.resources(container.resources))")
            lines += Self.environment(container)
        }
        lines.append(contentsOf: conditions(status?.conditions))
        if let autoscaler = try await client.list(Autoscaler.self, .autoscalers, in: reference.namespace).items.first(where: { $0.targets(reference.name) }) {
            lines.append("Autoscaler:    \(autoscaler.metadata.name), \(autoscaler.minReplicas) to \(autoscaler.spec.maxReplicas) replicas\(autoscaler.cpuPercent.map { " at \($0)% CPU" } ?? "")")
        }
        return lines + (try await eventLines(kind: "Deployment", name: reference.name, namespace: reference.namespace))
    }

    private func describePod(_ reference: ObjectReference) async throws -> [String] {
        let pod = try await client.get(Pod.self, .pods, reference.name, in: reference.namespace)
        var lines = [
            "Name:          \(pod.metadata.name)",
            "Namespace:     \(reference.namespace)",
            "Node:          \(pod.spec?.nodeName ?? "<none>")",
            "Created:       \(Age.since(pod.metadata.created)) ago",
            "Controlled By: \(pod.metadata.controller.map { "\($0.kind)/\($0.name)" } ?? "<none>")",
            "Status:        \(pod.displayStatus)\(pod.status?.message.map { " (\(ClusterText.clip($0)))" } ?? "")",
            "Containers:",
        ]
        for container in pod.spec?.containers ?? [] {
            lines.append("  \(container.name):  image \(container.image ?? "<none>")\(Self.resources(container.resources))")
            lines += Self.environment(container)
            guard let status = pod.containerStatuses.first(where: { $0.name == container.name }) else { continue }
            lines.append("    State:       \(Self.state(status.state))")
            if let last = status.lastState, last.terminated != nil { lines.append("    Last State:  \(Self.state(last))") }
            lines.append("    Ready:       \(status.ready)    Restart Count: \(status.restartCount)")
        }
        lines.append(contentsOf: conditions(pod.status?.conditions))
        return lines + (try await eventLines(kind: "Pod", name: reference.name, namespace: reference.namespace))
    }

    private func conditions(_ conditions: [Condition]?) -> [String] {
        guard let conditions, !conditions.isEmpty else { return [] }
        return ["Conditions:"] + conditions.map { condition in
            "  \(condition.type)=\(condition.status)\(condition.reason.map { " (\($0))" } ?? "")"
        }
    }

    private func eventLines(kind: String, name: String, namespace: String) async throws -> [String] {
        let events = try await client.list(Event.self, .events, in: namespace,
                                           fieldSelector: "involvedObject.kind=\(kind),involvedObject.name=\(name)").items
        let table = eventTable(events)
        return ["Events:"] + (table.isEmpty ? ["  <none>"] : table.map { "  " + $0 })
    }

    static func state(_ state: ContainerState?) -> String {
        if let waiting = state?.waiting { return "Waiting (\(waiting.reason ?? "unknown"))" }
        if let terminated = state?.terminated {
            let code = terminated.exitCode.map { ", exit code \($0)" } ?? ""
            return "Terminated (\(terminated.reason ?? "unknown")\(code))"
        }
        if state?.running != nil { return "Running" }
        return "Unknown"
    }

    /// The container's environment, a line each; values from Secrets are shown as references, never read.
    static func environment(_ container: PodTemplate.Container) -> [String] {
        guard let variables = container.env, !variables.isEmpty else { return [] }
        return ["    Environment:"] + variables.map { "      \($0.name):  \(ClusterText.clip($0.shown))" }
    }

    static func resources(_ resources: ResourceRequirements?) -> String {
        guard let resources else { return "" }
        func pairs(_ values: [String: String]?) -> String {
            (values ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var parts: [String] = []
        if let requests = resources.requests, !requests.isEmpty { parts.append("requests \(pairs(requests))") }
        if let limits = resources.limits, !limits.isEmpty { parts.append("limits \(pairs(limits))") }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: "; ")
    }
}

import KaiCore
import KaiKube

/// The compact picture of the namespace a model gets with each request, so it can name things:
/// deployments with replicas, readiness, images and autoscalers, pods that are not running, and
/// the latest warning events. Cluster text in it is marked as data (and scrubbed of secrets with the rest of the request).
public enum ClusterSummary {
    /// The most warning events included.
    static let eventLimit = 8

    /// The summary of `snapshot` with `warnings` (the namespace's warning events).
    public static func text(_ snapshot: ClusterSnapshot, warnings: [Event]) -> String {
        var lines = ["namespace \(snapshot.namespace)", "deployments:"]
        for deployment in snapshot.deployments.sorted(by: { $0.name < $1.name }) {
            var line = "- \(deployment.name)"
            if let component = deployment.component { line += " (component \(component))" }
            line += ": \(deployment.readyReplicas)/\(deployment.replicas) ready"
            line += ", " + deployment.containers.map { "container \($0.name) image \($0.image)" }.joined(separator: ", ")
            if let revision = deployment.revision { line += ", revision \(revision)" }
            if let autoscaler = snapshot.autoscalers.first(where: { $0.targetDeployment == deployment.name }) {
                line += ", autoscaler \(autoscaler.min)-\(autoscaler.max)" + (autoscaler.cpuPercent.map { " at \($0)% cpu" } ?? "")
            }
            lines.append(line)
        }
        let troubled = snapshot.pods.filter { $0.phase != "Running" }.sorted { $0.name < $1.name }
        lines.append("pods: \(snapshot.pods.count)" + (troubled.isEmpty ? ", all running" : ", not running:"))
        lines += troubled.map { "- \($0.name): \($0.phase)" }
        let recent = warnings.sorted { ($0.time ?? .distantPast) > ($1.time ?? .distantPast) }.prefix(eventLimit)
        if !recent.isEmpty {
            lines.append("recent warning events:")
            lines += recent.map { event in
                let object = "\(event.involvedObject.kind?.lowercased() ?? "object")/\(event.involvedObject.name ?? "?")"
                return "- \(object) \(event.reason ?? ""): \(ClusterText.clip(event.message ?? ""))" + ((event.count ?? 1) > 1 ? " (x\(event.count ?? 1))" : "")
            }
        }
        return "<cluster-data>\n" + lines.joined(separator: "\n") + "\n</cluster-data>"
    }

    /// Reads the warning events the summary shows; none when they cannot be read (the summary is a help, not a need).
    public static func warnings(in namespace: String, client: KubeClient) async -> [Event] {
        (try? await client.list(Event.self, .events, in: namespace, fieldSelector: "type=Warning").items) ?? []
    }
}

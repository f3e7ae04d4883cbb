import KaiCore
import KaiKube

/// The compact picture of the namespace a model gets with each request, so it can name things:
/// deployments with replicas, readiness, images and autoscalers, pods that are not running, and
/// the latest warning events. Cluster text in it is marked as data (and scrubbed of secrets with the rest of the request).
public enum ClusterSummary {
    /// The most warning events included.
    static let eventLimit = 8
    /// The most deployments, and pods that are not running, listed; the rest are counted.
    static let objectLimit = 12

    /// The summary of `snapshot` with `warnings` (the namespace's warning events), one short line an object:
    /// "- todo-chatbot-backend (backend): 2/2 ready, image todo-backend:1.1.0, revision 2, autoscaler 2-5 70% cpu".
    public static func text(_ snapshot: ClusterSnapshot, warnings: [Event]) -> String {
        var lines = ["namespace \(snapshot.namespace)", "deployments:"]
        let deployments = snapshot.deployments.sorted(by: { $0.name < $1.name })
        for deployment in deployments.prefix(objectLimit) {
            var line = "- \(deployment.name)"
            if let component = deployment.component { line += " (\(component))" }
            line += ": \(deployment.readyReplicas)/\(deployment.replicas) ready"
            // One container's image stands alone: written "frontend=todo-frontend:1.2.0", a small model took the
            // image's name for the deployment's.
            switch deployment.containers.count {
            case 0: break
            case 1: line += ", image \(deployment.containers[0].image)"
            default: line += ", images " + deployment.containers.map { "\($0.name)=\($0.image)" }.joined(separator: ", ")
            }
            if let revision = deployment.revision { line += ", revision \(revision)" }
            if let autoscaler = snapshot.autoscalers.first(where: { $0.targetDeployment == deployment.name }) {
                line += ", autoscaler \(autoscaler.min)-\(autoscaler.max)" + (autoscaler.cpuPercent.map { " \($0)% cpu" } ?? "")
            }
            lines.append(line)
        }
        if deployments.count > objectLimit { lines.append("- and \(deployments.count - objectLimit) more") }
        let troubled = snapshot.pods.filter { $0.phase != "Running" }.sorted { $0.name < $1.name }
        lines.append("pods: \(snapshot.pods.count)" + (troubled.isEmpty ? ", all running" : ", not running:"))
        lines += troubled.prefix(objectLimit).map { "- \($0.name): \($0.phase)" }
        if troubled.count > objectLimit { lines.append("- and \(troubled.count - objectLimit) more") }
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

import KaiCore
import KaiKube

extension CatalogOperation.Autoscale: ChangeRunner {
    /// Updates the deployment's HorizontalPodAutoscaler with a merge patch carrying its
    /// resourceVersion, or creates one named after the deployment (autoscaling/v2, CPU
    /// utilisation target), as `kubectl autoscale` does.
    func prepare(_ client: KubeClient) async throws -> PreparedChange {
        let (_, state) = try await DeploymentReader.state(deployment, client: client)
        let deployment = self.deployment, bounds = self.bounds, newName = autoscalerName ?? deployment.name
        let wanted = "autoscaler \(bounds.min.value) to \(bounds.max.value) replicas at \(bounds.cpuPercent)% CPU"
        let autoscalers = try await client.list(Autoscaler.self, .autoscalers, in: deployment.namespace)
        guard let existing = state.autoscaler, let object = autoscalers.items.first(where: { $0.metadata.name == existing.name }) else {
            return PreparedChange(before: "no autoscaler", after: wanted, undo: undo(before: state), follow: nil, desired: "no autoscaler") { client in
                let created = Autoscaler.forDeployment(deployment.name, namespace: deployment.namespace, min: bounds.min.value,
                                                       max: bounds.max.value, cpuPercent: bounds.cpuPercent, autoscalerName: newName)
                _ = try await client.create(created, .autoscalers, in: deployment.namespace, name: newName)
            }
        }
        let before = Self.words(existing)
        let metric = JSON.object(["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization",
                                                                                              "averageUtilization": .int(bounds.cpuPercent)]]])
        let patch: JSON = ["metadata": ["resourceVersion": .string(object.metadata.resourceVersion ?? "")],
                           "spec": ["minReplicas": .int(bounds.min.value), "maxReplicas": .int(bounds.max.value), "metrics": [metric]]]
        var change = PreparedChange(before: before, after: wanted, undo: undo(before: state), follow: nil, desired: before) { client in
            _ = try await client.patch(Autoscaler.self, .autoscalers, existing.name, in: deployment.namespace, patch: patch, as: .merge)
        }
        change.unchanged = existing.min == bounds.min.value && existing.max == bounds.max.value && existing.cpuPercent == bounds.cpuPercent
        return change
    }

    /// "autoscaler 2 to 5 replicas at 70% CPU", as the audit log records an autoscaler's settings.
    static func words(_ autoscaler: AutoscalerState?) -> String {
        guard let autoscaler else { return "no autoscaler" }
        return "autoscaler \(autoscaler.min) to \(autoscaler.max) replicas" + (autoscaler.cpuPercent.map { " at \($0)% CPU" } ?? "")
    }
}

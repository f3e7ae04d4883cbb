import KaiCore
import KaiKube

extension CatalogOperation.Autoscale: ChangeRunner {
    /// Updates the deployment's HorizontalPodAutoscaler, or creates one named after the deployment
    /// (autoscaling/v2, CPU utilisation target), as `kubectl autoscale` does.
    func apply(_ client: KubeClient) async throws -> AppliedChange {
        let (_, state) = try await DeploymentReader.state(deployment, client: client)
        let wanted = "\(bounds.min.value) to \(bounds.max.value) replicas at \(bounds.cpuPercent)% CPU"
        var change = AppliedChange(before: "no autoscaler", after: "autoscaler \(wanted)", undo: undo(before: state), follow: nil)
        guard let existing = state.autoscaler else {
            let created = Autoscaler.forDeployment(deployment.name, namespace: deployment.namespace, min: bounds.min.value,
                                                   max: bounds.max.value, cpuPercent: bounds.cpuPercent)
            _ = try await client.create(created, .autoscalers, in: deployment.namespace, name: deployment.name)
            return change
        }
        let cpu = existing.cpuPercent.map { " at \($0)% CPU" } ?? ""
        change.before = "autoscaler \(existing.min) to \(existing.max) replicas\(cpu)"
        guard existing.min != bounds.min.value || existing.max != bounds.max.value || existing.cpuPercent != bounds.cpuPercent else {
            change.unchanged = true
            return change
        }
        let metric = JSON.object(["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization",
                                                                                              "averageUtilization": .int(bounds.cpuPercent)]]])
        let patch: JSON = ["spec": ["minReplicas": .int(bounds.min.value), "maxReplicas": .int(bounds.max.value),
                                    "metrics": [metric]]]
        _ = try await client.patch(Autoscaler.self, .autoscalers, existing.name, in: deployment.namespace, patch: patch, as: .merge)
        return change
    }
}

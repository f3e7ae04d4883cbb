import KaiCore
import KaiKube

extension CatalogOperation.RemoveAutoscaler: ChangeRunner {
    /// Deletes the autoscaler that targets the deployment, on the precondition that it is still at
    /// the resourceVersion read, so that one someone changed meanwhile is not removed unseen.
    func prepare(_ client: KubeClient) async throws -> PreparedChange {
        let deployment = self.deployment
        async let current = client.get(Deployment.self, .deployments, deployment.name, in: deployment.namespace)
        async let autoscalers = client.list(Autoscaler.self, .autoscalers, in: deployment.namespace)
        let object = try await autoscalers.items.first { $0.targets(deployment.name) }
        let state = DeploymentState(try await current, autoscaler: object)
        let before = CatalogOperation.Autoscale.words(state.autoscaler)
        guard let object else {
            var change = PreparedChange(before: before, after: before, undo: .notNeeded, follow: nil, desired: before) { _ in }
            change.unchanged = true
            return change
        }
        let name = object.metadata.name, version = object.metadata.resourceVersion
        var change = PreparedChange(before: before, after: "no autoscaler", undo: undo(before: state), follow: nil, desired: before) { client in
            try await client.delete(.autoscalers, name, in: deployment.namespace, resourceVersion: version)
        }
        if (object.spec.metrics ?? []).contains(where: { $0.resource?.name != "cpu" }) {
            change.notes.append("Autoscaler \(name) also follows metrics other than CPU; undoing this re-creates it with its bounds and CPU target only.")
        }
        return change
    }
}

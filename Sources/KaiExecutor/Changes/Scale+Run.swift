import KaiCore
import KaiKube

extension CatalogOperation.Scale: ChangeRunner {
    /// Sets `spec.replicas` through the scale subresource with the resourceVersion just read, as
    /// `kubectl scale --resource-version` does: a concurrent change makes it fail with 409.
    func prepare(_ client: KubeClient) async throws -> PreparedChange {
        try await prepare(client, planned: nil)
    }

    /// One read, of the scale subresource: it holds the count and the resourceVersion to write
    /// against. What the plan read moments before says which autoscaler manages the deployment;
    /// without it the autoscalers are listed.
    func prepare(_ client: KubeClient, planned: DeploymentState?) async throws -> PreparedChange {
        let name = deployment.name
        let namespace = deployment.namespace
        var scale = try await client.get(KaiKube.Scale.self, .deployments, name, in: namespace, subresource: "scale")
        let count = replicas.value
        let now = scale.spec.replicas ?? 0
        let autoscaler: AutoscalerState?
        if let planned {
            autoscaler = planned.autoscaler
        } else {
            autoscaler = try await client.list(Autoscaler.self, .autoscalers, in: namespace).items.first { $0.targets(name) }?.state
        }
        let state = DeploymentState(replicas: now, readyReplicas: planned?.readyReplicas ?? 0, containers: planned?.containers ?? [],
                                    revision: planned?.revision, autoscaler: autoscaler)
        scale.spec.replicas = count
        let wanted = scale
        var change = PreparedChange(before: "replicas \(now)", after: "replicas \(count)", undo: undo(before: state), follow: deployment,
                                    desired: "replicas \(now)") { client in
            _ = try await client.replace(wanted, .deployments, name, in: namespace, subresource: "scale")
        }
        change.notes = autoscalerNotes(autoscaler)
        change.unchanged = now == count
        return change
    }

    private func autoscalerNotes(_ autoscaler: AutoscalerState?) -> [String] {
        guard let autoscaler else { return [] }
        let range = "\(autoscaler.min) to \(autoscaler.max)"
        if replicas.value < autoscaler.min || replicas.value > autoscaler.max {
            return ["Autoscaler \(autoscaler.name) keeps \(deployment.name) between \(range) replicas and will move it back into that range; change the autoscaler instead (\"autoscale \(deployment.name) min … max …\")."]
        }
        return ["Autoscaler \(autoscaler.name) manages \(deployment.name) (\(range) replicas) and may change this count as load changes."]
    }
}

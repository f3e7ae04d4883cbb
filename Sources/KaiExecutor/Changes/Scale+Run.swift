import KaiCore
import KaiKube

extension CatalogOperation.Scale: ChangeRunner {
    /// Sets `spec.replicas` through the scale subresource, with the resourceVersion just read,
    /// so that a concurrent change makes it re-read and try again instead of overwriting.
    func apply(_ client: KubeClient) async throws -> AppliedChange {
        let name = deployment.name
        let namespace = deployment.namespace
        return try await client.retryingConflicts {
            let (_, state) = try await DeploymentReader.state(deployment, client: client)
            var scale = try await client.get(KaiKube.Scale.self, .deployments, name, in: namespace, subresource: "scale")
            let current = scale.spec.replicas ?? 0
            var change = AppliedChange(before: "replicas \(current)", after: "replicas \(replicas.value)",
                                       undo: undo(before: state), follow: deployment)
            change.notes = autoscalerNotes(state.autoscaler)
            guard current != replicas.value else {
                change.unchanged = true
                return change
            }
            scale.spec.replicas = replicas.value
            _ = try await client.replace(scale, .deployments, name, in: namespace, subresource: "scale")
            return change
        }
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

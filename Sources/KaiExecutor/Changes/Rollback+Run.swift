import KaiCore
import KaiKube

extension CatalogOperation.Rollback: ChangeRunner {
    /// Writes an earlier replica set's pod template back onto the deployment, as
    /// `kubectl rollout undo [--to-revision]` does: the previous revision is the highest one
    /// below the newest; the deployment controller then gives the template a new revision. The
    /// JSON patch also sets the resourceVersion read, which the server takes as a precondition: a concurrent change makes it fail with 409.
    func prepare(_ client: KubeClient) async throws -> PreparedChange {
        let (current, state) = try await DeploymentReader.state(deployment, client: client)
        let history = try await DeploymentReader.revisions(of: current, client: client)
        let revisions = history.compactMap(\.revision)
        guard let newest = revisions.first else {
            throw ExecutionError(problem: "Deployment \(deployment.name) has no rollout history to go back to.",
                                 remedy: "See \"rollout history \(deployment.name)\".")
        }
        let available = revisions.map(String.init).joined(separator: ", ")
        let destination: ReplicaSet
        if let revision {
            guard let match = history.first(where: { $0.revision == revision.value }) else {
                throw ExecutionError(problem: "Deployment \(deployment.name) has no revision \(revision.value); it has revisions \(available).",
                                     remedy: "Pick one of those: \"rollback \(deployment.name) to revision \(revisions.dropFirst().first ?? newest)\".")
            }
            destination = match
        } else {
            guard let previous = history.first(where: { ($0.revision ?? 0) < newest }) else {
                throw ExecutionError(problem: "Deployment \(deployment.name) has only revision \(newest), so there is no earlier revision to roll back to.",
                                     remedy: "See \"rollout history \(deployment.name)\".")
            }
            destination = previous
        }
        let currentRevision = current.revision ?? newest
        let before = "revision \(currentRevision) (\(Self.images(current.containers)))"
        let target = destination.revision ?? 0
        var template = destination.spec.template.raw
        template["metadata"]?["labels"]?["pod-template-hash"] = nil
        let patch: JSON = [["op": "replace", "path": "/metadata/resourceVersion", "value": .string(current.metadata.resourceVersion ?? "")],
                           ["op": "replace", "path": "/spec/template", "value": template]]
        let reference = deployment
        var change = PreparedChange(before: before, after: "revision \(newest + 1), the template of revision \(target) (\(Self.images(destination.spec.template.spec.containers)))",
                                    undo: undo(before: state), follow: reference, desired: current.desiredVersion) { client in
            _ = try await client.patch(Deployment.self, .deployments, reference.name, in: reference.namespace, patch: patch, as: .json)
        }
        if target == currentRevision {
            change.after = before
            change.unchanged = true
            change.notes = ["Deployment \(deployment.name) already runs revision \(target)'s template."]
        }
        return change
    }

    private static func images(_ containers: [PodTemplate.Container]) -> String {
        containers.map { $0.image ?? "?" }.joined(separator: ", ")
    }
}

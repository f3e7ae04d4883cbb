import KaiCore
import KaiKube

extension CatalogOperation.Rollback: ChangeRunner {
    /// Writes an earlier replica set's pod template back onto the deployment, as
    /// `kubectl rollout undo [--to-revision]` does: the previous revision is the highest one
    /// below the newest; the deployment controller then gives the template a new revision.
    func apply(_ client: KubeClient) async throws -> AppliedChange {
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
        var change = AppliedChange(before: before, after: "revision \(newest + 1), the template of revision \(target) (\(Self.images(destination.spec.template.spec.containers)))",
                                   undo: undo(before: state), follow: deployment)
        guard target != currentRevision else {
            change.after = before
            change.unchanged = true
            change.notes = ["Deployment \(deployment.name) already runs revision \(target)'s template."]
            return change
        }
        var template = destination.spec.template.raw
        template["metadata"]?["labels"]?["pod-template-hash"] = nil
        let patch: JSON = [["op": "replace", "path": "/spec/template", "value": template]]
        _ = try await client.patch(Deployment.self, .deployments, deployment.name, in: deployment.namespace, patch: patch, as: .json)
        return change
    }

    private static func images(_ containers: [PodTemplate.Container]) -> String {
        containers.map { $0.image ?? "?" }.joined(separator: ", ")
    }
}

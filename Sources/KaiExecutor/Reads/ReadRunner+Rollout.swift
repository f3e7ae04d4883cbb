import KaiCore
import KaiKube

extension ReadRunner {
    /// Whether the rollout has finished, in `kubectl rollout status`'s words, without waiting.
    func rolloutStatus(_ reference: ObjectReference) async throws -> [String] {
        let deployment = try await client.get(Deployment.self, .deployments, reference.name, in: reference.namespace)
        let pods = try await DeploymentReader.newestPods(of: deployment, client: client)
        switch RolloutProgress.evaluate(deployment, newPods: pods) {
        case .complete(let message): return [message]
        case .progressing(let message): return ["Deployment \(reference.name) is still rolling out: \(message)."]
        case .failed(_, let message): return ["Deployment \(reference.name)'s rollout is stuck. \(message)"]
        }
    }

    /// The revisions of a deployment with the images and change cause of each, newest last.
    func rolloutHistory(_ reference: ObjectReference) async throws -> [String] {
        let deployment = try await client.get(Deployment.self, .deployments, reference.name, in: reference.namespace)
        let sets = try await DeploymentReader.revisions(of: deployment, client: client).reversed()
        guard !sets.isEmpty else { return ["Deployment \(reference.name) has no rollout history."] }
        return TextTable.render(["REVISION", "IMAGES", "CREATED", "CHANGE-CAUSE"], sets.map { set in
            let current = set.revision == deployment.revision ? " (current)" : ""
            return ["\(set.revision.map(String.init) ?? "?")\(current)", set.spec.template.spec.containers.map { $0.image ?? "?" }.joined(separator: ","),
                    Age.since(set.metadata.created) + " ago", set.metadata.annotations?[RevisionAnnotation.changeCause] ?? "<none>"]
        })
    }
}

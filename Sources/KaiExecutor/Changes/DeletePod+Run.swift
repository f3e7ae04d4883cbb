import KaiCore
import KaiKube

extension CatalogOperation.DeletePod: ChangeRunner {
    /// Deletes the pod; when a deployment owns it, follows the deployment until the replacement is ready.
    func prepare(_ client: KubeClient) async throws -> PreparedChange {
        let current = try await client.get(Pod.self, .pods, pod.name, in: pod.namespace)
        var owner: ObjectReference?
        if let set = current.metadata.controller, set.kind == "ReplicaSet" {
            let replicaSet = try? await client.get(ReplicaSet.self, .replicaSets, set.name, in: pod.namespace)
            if let deployment = replicaSet?.metadata.controller, deployment.kind == "Deployment" {
                owner = ObjectReference(kind: .deployment, namespace: pod.namespace, name: deployment.name)
            }
        }
        let pod = self.pod
        let uid = current.metadata.uid
        var change = PreparedChange(before: "pod \(pod.name) \(current.displayStatus)", after: "deleted", undo: undo(before: nil), follow: owner,
                                    desired: "uid \(current.metadata.uid ?? "")") { client in
            // The uid precondition keeps a pod recreated under the same name (a StatefulSet's) from being deleted in its place.
            try await client.delete(.pods, pod.name, in: pod.namespace, uid: uid)
        }
        change.replacedPod = pod.name
        if owner == nil { change.notes = ["Pod \(pod.name) has no deployment, so nothing replaces it."] }
        return change
    }
}

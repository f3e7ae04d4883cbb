import Foundation

/// ReplicaSet -> Pods: creates pods from the template until the count is right, deletes the
/// surplus (not-ready ones first), replaces deleted pods, and reports status.
struct ReplicaSetController: Sendable {
    let store: ObjectStore
    let events: EventRecorder

    func reconcile() async {
        for replicaSet in await store.all(ResourceCatalog.replicaSet) {
            let namespace = replicaSet[path: "metadata.namespace"].string
            let pods = await store.all(ResourceCatalog.pod, namespace: namespace).filter { Ownership.isOwned($0, by: replicaSet) }
            let desired = replicaSet[path: "spec.replicas"].int ?? 1
            if pods.count < desired {
                for _ in pods.count..<desired { await create(from: replicaSet) }
            } else if pods.count > desired {
                let surplus = pods.sorted { Kubelet.isReady($0) == Kubelet.isReady($1) ? ($0[path: "metadata.creationTimestamp"].string ?? "") > ($1[path: "metadata.creationTimestamp"].string ?? "") : !Kubelet.isReady($0) }
                for pod in surplus.prefix(pods.count - desired) {
                    let name = pod[path: "metadata.name"].string ?? ""
                    guard (try? await store.delete(ResourceCatalog.pod, namespace: namespace, name: name)) != nil else { continue }
                    await events.record(replicaSet, reason: "SuccessfulDelete", message: "Deleted pod: \(name)", component: "replicaset-controller")
                }
            }
            let current = await store.all(ResourceCatalog.pod, namespace: namespace).filter { Ownership.isOwned($0, by: replicaSet) }
            let ready = current.filter(Kubelet.isReady).count
            var next = replicaSet
            next["status"] = ["replicas": .int(Int64(current.count)), "fullyLabeledReplicas": .int(Int64(current.count)),
                              "readyReplicas": .int(Int64(ready)), "availableReplicas": .int(Int64(ready)),
                              "observedGeneration": replicaSet[path: "metadata.generation"]]
            _ = try? await store.replace(ResourceCatalog.replicaSet, namespace: namespace, name: replicaSet[path: "metadata.name"].string ?? "", next)
        }
    }

    private func create(from replicaSet: JSONValue) async {
        let namespace = replicaSet[path: "metadata.namespace"].string
        var pod: JSONValue = ["metadata": replicaSet[path: "spec.template.metadata"], "spec": replicaSet[path: "spec.template.spec"],
                              "status": ["phase": "Pending", "qosClass": "Burstable"]]
        pod[path: "metadata.name"] = .string("\(replicaSet[path: "metadata.name"].string ?? "pod")-\(NameSuffix.random(length: 5))")
        pod[path: "metadata.ownerReferences"] = [Ownership.reference(to: replicaSet)]
        guard let created = try? await store.create(ResourceCatalog.pod, namespace: namespace, pod) else { return }
        await events.record(replicaSet, reason: "SuccessfulCreate", message: "Created pod: \(created[path: "metadata.name"].string ?? "")",
                            component: "replicaset-controller")
    }
}

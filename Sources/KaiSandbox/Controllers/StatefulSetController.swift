import Foundation

/// StatefulSet -> Pods with stable names (`web-0`, `web-1`, …) and their own claims from the
/// volumeClaimTemplates. With OrderedReady (the default) pods are created one at a time in
/// order, each after the one before is Ready, and removed from the highest ordinal down;
/// a changed template rolls out from the highest ordinal down, one pod at a time.
struct StatefulSetController: Sendable {
    let store: ObjectStore
    let events: EventRecorder

    func reconcile() async {
        for statefulSet in await store.all(ResourceCatalog.statefulSet) {
            await reconcile(statefulSet)
        }
    }

    private func reconcile(_ statefulSet: JSONValue) async {
        let name = statefulSet[path: "metadata.name"].string ?? ""
        let desired = statefulSet[path: "spec.replicas"].int ?? 1
        let revision = "\(name)-\(DeploymentController.templateHash(statefulSet[path: "spec.template"]))"
        let ordered = statefulSet[path: "spec.podManagementPolicy"].string != "Parallel"
        var pods = await owned(statefulSet)
        let byOrdinal = Dictionary(pods.map { (Self.ordinal($0, of: name), $0) }) { first, _ in first }

        // Create the missing pods below the desired count: in order, and with OrderedReady only
        // once every pod before is Ready.
        var blocked = false
        for ordinal in 0..<desired {
            if let pod = byOrdinal[ordinal] {
                if ordered, !Kubelet.isReady(pod) { blocked = true }
                continue
            }
            guard !blocked else { break }
            await create(ordinal, of: statefulSet, revision: revision)
            if ordered { blocked = true }
        }
        // Remove pods above the count, highest first; one at a time while OrderedReady.
        let surplus = pods.filter { Self.ordinal($0, of: name) >= desired }.sorted { Self.ordinal($0, of: name) > Self.ordinal($1, of: name) }
        for pod in surplus.prefix(ordered ? 1 : surplus.count) where !blocked || !ordered {
            await delete(pod, of: statefulSet)
        }
        // Roll out a changed template once everything wanted is there and Ready: the highest old pod goes first.
        pods = await owned(statefulSet)
        let partition = statefulSet[path: "spec.updateStrategy.rollingUpdate.partition"].int ?? 0
        let onDelete = statefulSet[path: "spec.updateStrategy.type"].string == "OnDelete"
        if !onDelete, surplus.isEmpty, pods.count == desired, pods.allSatisfy(Kubelet.isReady),
           let outdated = pods.filter({ Self.revision(of: $0) != revision && Self.ordinal($0, of: name) >= partition })
               .max(by: { Self.ordinal($0, of: name) < Self.ordinal($1, of: name) }) {
            await delete(outdated, of: statefulSet)
            pods = await owned(statefulSet)
        }
        await report(statefulSet, pods: pods, revision: revision)
    }

    private func owned(_ statefulSet: JSONValue) async -> [JSONValue] {
        await store.all(ResourceCatalog.pod, namespace: statefulSet[path: "metadata.namespace"].string)
            .filter { Ownership.isOwned($0, by: statefulSet) }
    }

    static func ordinal(_ pod: JSONValue, of name: String) -> Int {
        Int((pod[path: "metadata.name"].string ?? "").dropFirst(name.count + 1)) ?? -1
    }

    static func revision(of pod: JSONValue) -> String? {
        pod[path: "metadata.labels"].stringMap["controller-revision-hash"]
    }

    private func create(_ ordinal: Int, of statefulSet: JSONValue, revision: String) async {
        let namespace = statefulSet[path: "metadata.namespace"].string
        let setName = statefulSet[path: "metadata.name"].string ?? ""
        let podName = "\(setName)-\(ordinal)"
        var pod: JSONValue = ["metadata": statefulSet[path: "spec.template.metadata"], "spec": statefulSet[path: "spec.template.spec"],
                              "status": ["phase": "Pending", "qosClass": "Burstable"]]
        pod[path: "metadata.name"] = .string(podName)
        // Label keys hold dots, so they are set on the map rather than through a dotted path.
        var labels = pod[path: "metadata.labels"]
        labels["controller-revision-hash"] = .string(revision)
        labels["statefulset.kubernetes.io/pod-name"] = .string(podName)
        labels["apps.kubernetes.io/pod-index"] = .string(String(ordinal))
        pod[path: "metadata.labels"] = labels
        pod[path: "metadata.ownerReferences"] = [Ownership.reference(to: statefulSet)]
        pod[path: "spec.hostname"] = .string(podName)
        if let service = statefulSet[path: "spec.serviceName"].string, !service.isEmpty { pod[path: "spec.subdomain"] = .string(service) }
        var volumes = pod[path: "spec.volumes"].array ?? []
        for template in statefulSet[path: "spec.volumeClaimTemplates"].array ?? [] {
            let templateName = template[path: "metadata.name"].string ?? "data"
            let claimName = "\(templateName)-\(podName)"
            if (try? await store.get(ResourceCatalog.persistentVolumeClaim, namespace: namespace, name: claimName)) == nil {
                var claim: JSONValue = ["metadata": template["metadata"], "spec": template["spec"]]
                claim[path: "metadata.name"] = .string(claimName)
                claim[path: "metadata.labels"] = statefulSet[path: "spec.selector.matchLabels"]
                if (try? await store.create(ResourceCatalog.persistentVolumeClaim, namespace: namespace, claim)) != nil {
                    await events.record(statefulSet, reason: "SuccessfulCreate",
                                        message: "create Claim \(claimName) Pod \(podName) in StatefulSet \(setName) success",
                                        component: "statefulset-controller")
                }
            }
            volumes.removeAll { $0["name"].string == templateName }
            volumes.append(["name": .string(templateName), "persistentVolumeClaim": ["claimName": .string(claimName)]])
        }
        if !volumes.isEmpty { pod[path: "spec.volumes"] = .array(volumes) }
        guard (try? await store.create(ResourceCatalog.pod, namespace: namespace, pod)) != nil else { return }
        await events.record(statefulSet, reason: "SuccessfulCreate", message: "create Pod \(podName) in StatefulSet \(setName) successful",
                            component: "statefulset-controller")
    }

    private func delete(_ pod: JSONValue, of statefulSet: JSONValue) async {
        let podName = pod[path: "metadata.name"].string ?? ""
        guard (try? await store.delete(ResourceCatalog.pod, namespace: pod[path: "metadata.namespace"].string, name: podName)) != nil else { return }
        await events.record(statefulSet, reason: "SuccessfulDelete",
                            message: "delete Pod \(podName) in StatefulSet \(statefulSet[path: "metadata.name"].string ?? "") successful",
                            component: "statefulset-controller")
    }

    private func report(_ statefulSet: JSONValue, pods: [JSONValue], revision: String) async {
        let ready = pods.filter(Kubelet.isReady).count
        let updated = pods.filter { Self.revision(of: $0) == revision }.count
        let desired = statefulSet[path: "spec.replicas"].int ?? 1
        let complete = updated == desired && pods.count == desired
        let previous = statefulSet[path: "status.currentRevision"].string
        var status: JSONValue = [
            "observedGeneration": statefulSet[path: "metadata.generation"], "replicas": .int(Int64(pods.count)),
            "readyReplicas": .int(Int64(ready)), "availableReplicas": .int(Int64(ready)),
            "currentReplicas": .int(Int64(complete ? updated : pods.count - updated)), "updatedReplicas": .int(Int64(updated)),
            "currentRevision": .string(complete ? revision : previous ?? revision), "updateRevision": .string(revision),
            "collisionCount": 0,
        ]
        if ready == 0 { status["readyReplicas"] = .null }
        var next = statefulSet
        next["status"] = status
        guard next != statefulSet else { return }
        _ = try? await store.update(ResourceCatalog.statefulSet, namespace: statefulSet[path: "metadata.namespace"].string,
                                    name: statefulSet[path: "metadata.name"].string ?? "", next, subresource: "status")
    }
}

import Foundation

/// Deployment -> ReplicaSets, as the real controller does it: one ReplicaSet per pod template
/// (named by its hash, numbered by a revision annotation), rolling updates within maxSurge and
/// maxUnavailable, Recreate, rollback by re-using an old ReplicaSet, and the deployment's status.
struct DeploymentController: Sendable {
    let store: ObjectStore
    let events: EventRecorder

    func reconcile() async {
        for deployment in await store.all(ResourceCatalog.deployment) {
            do { try await reconcile(deployment) } catch {
                // A conflicting write by a client: the next tick works from fresh state.
                continue
            }
        }
    }

    static func templateHash(_ template: JSONValue) -> String {
        KubeNameSuffix.make(from: String(decoding: template.data(), as: UTF8.self), length: 10)
    }

    static func revision(_ object: JSONValue) -> Int {
        Int(object[path: "metadata.annotations"].stringMap["deployment.kubernetes.io/revision"] ?? "") ?? 0
    }

    /// The ReplicaSet a deployment runs `template` through.
    static func replicaSet(for deployment: JSONValue, template: JSONValue, revision: Int, replicas: Int) -> JSONValue {
        let hash = templateHash(template)
        var podTemplate = template
        podTemplate[path: "metadata.labels.pod-template-hash"] = .string(hash)
        var selector = deployment[path: "spec.selector.matchLabels"]
        selector["pod-template-hash"] = .string(hash)
        let desired = deployment[path: "spec.replicas"].int ?? 1
        return [
            "metadata": ["name": .string("\(deployment[path: "metadata.name"].string ?? "")-\(hash)"),
                         "namespace": deployment[path: "metadata.namespace"], "labels": podTemplate[path: "metadata.labels"],
                         "annotations": ["deployment.kubernetes.io/revision": .string(String(revision)),
                                         "deployment.kubernetes.io/desired-replicas": .string(String(desired)),
                                         "deployment.kubernetes.io/max-replicas": .string(String(desired + 1))],
                         "ownerReferences": [Ownership.reference(to: deployment)]],
            "spec": ["replicas": .int(Int64(replicas)), "selector": ["matchLabels": selector], "template": podTemplate],
        ]
    }

    private func reconcile(_ deployment: JSONValue) async throws {
        let namespace = deployment[path: "metadata.namespace"].string
        let name = deployment[path: "metadata.name"].string ?? ""
        let template = deployment[path: "spec.template"]
        let hash = Self.templateHash(template)
        var sets = await store.all(ResourceCatalog.replicaSet, namespace: namespace).filter { Ownership.isOwned($0, by: deployment) }
        let newest = sets.map(Self.revision).max() ?? 0
        var current = sets.first { $0[path: "metadata.labels.pod-template-hash"].string == hash }
        if current == nil {
            let created = try await store.create(ResourceCatalog.replicaSet, namespace: namespace,
                                                 Self.replicaSet(for: deployment, template: template, revision: newest + 1, replicas: 0))
            sets.append(created)
            current = created
        } else if let existing = current, Self.revision(existing) < newest {
            // A rollback: the old template comes back as the newest revision.
            var renumbered = existing
            renumbered["metadata"]["annotations"]["deployment.kubernetes.io/revision"] = .string(String(newest + 1))
            current = try await store.update(ResourceCatalog.replicaSet, namespace: namespace, name: existing[path: "metadata.name"].string ?? "", renumbered)
            sets = sets.map { $0[path: "metadata.uid"] == existing[path: "metadata.uid"] ? (current ?? $0) : $0 }
        }
        guard let newSet = current else { return }
        let olds = sets.filter { $0[path: "metadata.uid"] != newSet[path: "metadata.uid"] }
        let desired = deployment[path: "spec.replicas"].int ?? 1
        let recreate = deployment[path: "spec.strategy.type"].string == "Recreate"
        let (surge, unavailable) = RolloutBudget.limits(deployment, desired: desired)
        var newReplicas = newSet[path: "spec.replicas"].int ?? 0

        if recreate {
            for old in olds where (old[path: "spec.replicas"].int ?? 0) > 0 { try await scale(old, to: 0, deployment) }
            let oldPods = olds.reduce(0) { $0 + ($1[path: "status.replicas"].int ?? 0) }
            if oldPods == 0, newReplicas != desired { try await scale(newSet, to: desired, deployment); newReplicas = desired }
        } else {
            let total = sets.reduce(0) { $0 + ($1[path: "spec.replicas"].int ?? 0) }
            if newReplicas > desired {
                try await scale(newSet, to: desired, deployment)
                newReplicas = desired
            } else if newReplicas < desired, desired + surge - total > 0 {
                let target = min(desired, newReplicas + (desired + surge - total))
                try await scale(newSet, to: target, deployment)
                newReplicas = target
            }
            let available = sets.reduce(0) { $0 + ($1[path: "status.availableReplicas"].int ?? 0) }
            var removable = max(0, available - (desired - unavailable))
            for old in olds.sorted(by: { Self.revision($0) < Self.revision($1) }) {
                let replicas = old[path: "spec.replicas"].int ?? 0
                guard replicas > 0 else { continue }
                // Pods of an old ReplicaSet that are not available can always go.
                let unhealthy = replicas - (old[path: "status.availableReplicas"].int ?? 0)
                let remove = min(replicas, max(unhealthy, 0) + removable)
                guard remove > 0 else { continue }
                removable -= max(0, remove - max(unhealthy, 0))
                try await scale(old, to: replicas - remove, deployment)
            }
        }
        try await updateStatus(deployment, newSet: newSet, sets: await store.all(ResourceCatalog.replicaSet, namespace: namespace)
            .filter { Ownership.isOwned($0, by: deployment) }, desired: desired, unavailable: unavailable, name: name)
    }

    private func scale(_ replicaSet: JSONValue, to replicas: Int, _ deployment: JSONValue) async throws {
        let from = replicaSet[path: "spec.replicas"].int ?? 0
        var updated = replicaSet
        updated[path: "spec.replicas"] = .int(Int64(replicas))
        updated["metadata"]["annotations"]["deployment.kubernetes.io/desired-replicas"] = .string(String(deployment[path: "spec.replicas"].int ?? 1))
        try await store.update(ResourceCatalog.replicaSet, namespace: replicaSet[path: "metadata.namespace"].string,
                               name: replicaSet[path: "metadata.name"].string ?? "", updated)
        let direction = replicas > from ? "up" : "down"
        await events.record(deployment, reason: "ScalingReplicaSet",
                            message: "Scaled \(direction) replica set \(replicaSet[path: "metadata.name"].string ?? "") from \(from) to \(replicas)",
                            component: "deployment-controller")
    }

    private func updateStatus(_ deployment: JSONValue, newSet: JSONValue, sets: [JSONValue], desired: Int, unavailable: Int, name: String) async throws {
        let latest = try await store.get(ResourceCatalog.deployment, namespace: deployment[path: "metadata.namespace"].string, name: name)
        let newName = newSet[path: "metadata.name"].string ?? ""
        let fresh = sets.first { $0[path: "metadata.name"].string == newName } ?? newSet
        let sum = { (field: String) in sets.reduce(0) { $0 + ($1[path: "status.\(field)"].int ?? 0) } }
        let updated = fresh[path: "status.replicas"].int ?? 0
        let available = sum("availableReplicas")
        let complete = updated == desired && sum("replicas") == desired && available == desired
        let now = Timestamp.format(Date())
        let previous = (latest[path: "status.conditions"].array ?? [])
        func condition(_ type: String, _ status: Bool, _ reason: String, _ message: String) -> JSONValue {
            let old = previous.first { $0["type"].string == type }
            let changed = old?["status"].string != (status ? "True" : "False") || old?["reason"].string != reason
            return ["type": .string(type), "status": status ? "True" : "False", "reason": .string(reason), "message": .string(message),
                    "lastUpdateTime": changed ? .string(now) : (old?["lastUpdateTime"] ?? .string(now)),
                    "lastTransitionTime": changed ? .string(now) : (old?["lastTransitionTime"] ?? .string(now))]
        }
        let progressing = complete
            ? condition("Progressing", true, "NewReplicaSetAvailable", "ReplicaSet \"\(newName)\" has successfully progressed.")
            : condition("Progressing", true, "ReplicaSetUpdated", "ReplicaSet \"\(newName)\" is progressing.")
        let enough = available >= desired - unavailable
        var status: JSONValue = [
            "observedGeneration": latest[path: "metadata.generation"], "replicas": .int(Int64(sum("replicas"))),
            "updatedReplicas": .int(Int64(updated)), "readyReplicas": .int(Int64(sum("readyReplicas"))),
            "availableReplicas": .int(Int64(available)),
            "conditions": [condition("Available", enough, enough ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                                     enough ? "Deployment has minimum availability." : "Deployment does not have minimum availability."),
                           progressing],
        ]
        let missing = max(0, sum("replicas") - available)
        if missing > 0 { status["unavailableReplicas"] = .int(Int64(missing)) }
        var next = latest
        next["status"] = status
        next["metadata"]["annotations"]["deployment.kubernetes.io/revision"] = .string(String(Self.revision(fresh)))
        try await store.replace(ResourceCatalog.deployment, namespace: latest[path: "metadata.namespace"].string, name: name, next)
    }
}

/// maxSurge and maxUnavailable resolved against the desired count, as absolute numbers or percentages.
enum RolloutBudget {
    static func limits(_ deployment: JSONValue, desired: Int) -> (surge: Int, unavailable: Int) {
        let rolling = deployment[path: "spec.strategy.rollingUpdate"]
        let surge = resolve(rolling["maxSurge"], of: desired, roundUp: true) ?? max(1, Int((Double(desired) * 0.25).rounded(.up)))
        var unavailable = resolve(rolling["maxUnavailable"], of: desired, roundUp: false) ?? Int(Double(desired) * 0.25)
        if surge == 0, unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    private static func resolve(_ value: JSONValue, of total: Int, roundUp: Bool) -> Int? {
        if let number = value.int { return number }
        guard let text = value.string, text.hasSuffix("%"), let percent = Double(text.dropLast()) else { return nil }
        let exact = Double(total) * percent / 100
        return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
    }
}

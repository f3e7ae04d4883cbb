import KaiCore

extension ClusterSnapshot {
    /// Reads the workloads of `namespace` from the live cluster: four list calls made together,
    /// cheap enough to run before every request.
    public static func read(from client: KubeClient, namespace: String) async throws -> ClusterSnapshot {
        async let deployments = client.list(Deployment.self, .deployments, in: namespace)
        async let replicaSets = client.list(ReplicaSet.self, .replicaSets, in: namespace)
        async let pods = client.list(Pod.self, .pods, in: namespace)
        async let autoscalers = client.list(Autoscaler.self, .autoscalers, in: namespace)
        return try await ClusterSnapshot(namespace: namespace, deployments: deployments.items, replicaSets: replicaSets.items,
                                         pods: pods.items, autoscalers: autoscalers.items)
    }

    /// Reads only the deployments and autoscalers of `namespace`: two list calls, enough to plan a
    /// request that names deployments of the current namespace (a one-shot's quick path).
    public static func readWorkloads(from client: KubeClient, namespace: String) async throws -> ClusterSnapshot {
        async let deployments = client.list(Deployment.self, .deployments, in: namespace)
        async let autoscalers = client.list(Autoscaler.self, .autoscalers, in: namespace)
        return try await ClusterSnapshot(namespace: namespace, deployments: deployments.items, replicaSets: [], pods: [], autoscalers: autoscalers.items)
    }

    /// Reads `namespace` and, beside it, each of `others` that exists (a request may name any namespace the
    /// policy allows), and the names of the cluster's namespaces where the credentials may list them, so
    /// that a request naming one is understood (and refused by the policy when it must be).
    public static func read(from client: KubeClient, namespace: String, alsoReading others: [String]) async throws -> ClusterSnapshot {
        async let current = read(from: client, namespace: namespace)
        async let listed = try? client.list(NamedObject.self, .namespaces, in: nil).items.map(\.metadata.name)
        let existing = await listed
        let neighbours = others.filter { $0 != namespace && !$0.contains("*") && existing?.contains($0) ?? true }
        // The neighbours are read together, and kept in the policy's order; one the credentials may not read is left out.
        let readNeighbours = try await withThrowingTaskGroup(of: (Int, ClusterSnapshot?).self) { group in
            for (index, other) in neighbours.enumerated() {
                group.addTask {
                    do {
                        return (index, try await read(from: client, namespace: other))
                    } catch let error as KubeError where error.reason == .forbidden || error.reason == .notFound {
                        return (index, nil)
                    }
                }
            }
            return try await group.reduce(into: [Int: ClusterSnapshot]()) { found, entry in found[entry.0] = entry.1 }
        }
        var snapshot = try await current
        snapshot.neighbours = neighbours.indices.compactMap { readNeighbours[$0] }
        snapshot.knownNamespaces = existing ?? []
        return snapshot
    }

    /// A snapshot of `namespace` from objects as the API returned them.
    public init(namespace: String, deployments: [Deployment], replicaSets: [ReplicaSet], pods: [Pod], autoscalers: [Autoscaler]) {
        let owners = Dictionary(replicaSets.compactMap { set -> (String, String)? in
            guard let owner = set.metadata.controller, owner.kind == "Deployment" else { return nil }
            return (set.metadata.name, owner.name)
        }) { first, _ in first }
        self.init(
            namespace: namespace,
            deployments: deployments.map(DeploymentSnapshot.init),
            pods: pods.map { pod in
                let owner = pod.metadata.controller
                let deployment = owner?.kind == "ReplicaSet" ? owner.flatMap { owners[$0.name] } : nil
                return PodSnapshot(name: pod.metadata.name, labels: pod.metadata.labels ?? [:], deployment: deployment, phase: pod.phase)
            },
            autoscalers: autoscalers.compactMap { autoscaler in
                guard autoscaler.spec.scaleTargetRef.kind == "Deployment" else { return nil }
                return AutoscalerSnapshot(name: autoscaler.metadata.name, targetDeployment: autoscaler.spec.scaleTargetRef.name,
                                          min: autoscaler.minReplicas, max: autoscaler.spec.maxReplicas, cpuPercent: autoscaler.cpuPercent)
            })
    }
}

extension DeploymentSnapshot {
    /// The resolver's view of a deployment read from the API.
    public init(_ deployment: Deployment) {
        self.init(name: deployment.metadata.name, labels: deployment.metadata.labels ?? [:],
                  selector: deployment.spec.selector?.matchLabels ?? [:], replicas: deployment.desiredReplicas,
                  readyReplicas: deployment.status?.readyReplicas ?? 0,
                  containers: deployment.containerImages,
                  revision: deployment.revision)
    }
}

extension DeploymentState {
    /// The state of `deployment` as read from the API, with the autoscaler that targets it.
    public init(_ deployment: Deployment, autoscaler: Autoscaler?) {
        self.init(replicas: deployment.desiredReplicas, readyReplicas: deployment.status?.readyReplicas ?? 0,
                  containers: deployment.containerImages, revision: deployment.revision, autoscaler: autoscaler?.state)
    }
}

/// Any object, of which only the name is read.
private struct NamedObject: Decodable, Sendable {
    let metadata: ObjectMeta
}

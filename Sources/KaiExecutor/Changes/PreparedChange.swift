import KaiCore
import KaiKube

/// A change step read and ready to send: what it will change, and the one write that does it,
/// carrying the resourceVersion just read so that a concurrent change makes it fail with 409.
struct PreparedChange: Sendable {
    /// The state before and after, in words: "replicas 2", "replicas 3".
    var before: String
    var after: String
    /// What puts the change back, computed from the state read just before it.
    var undo: Undo
    /// The deployment whose rollout shows whether the change worked; nil when there is none to follow.
    var follow: ObjectReference?
    /// A pod this change deletes, whose replacement the follow waits for.
    var replacedPod: String?
    var notes: [String] = []
    /// True when the cluster is already as asked: nothing is sent.
    var unchanged = false
    /// What the object's desired state was when read (its generation, or its settings in words).
    /// A 409 after which this is the same was only a status update, so the write is sent again.
    var desired: String
    /// Sends the write.
    var send: @Sendable (KubeClient) async throws -> Void

    /// The change from `before` to `after` of `desired`, made by `send`.
    init(before: String, after: String, undo: Undo, follow: ObjectReference?, desired: String,
         send: @escaping @Sendable (KubeClient) async throws -> Void) {
        self.before = before
        self.after = after
        self.undo = undo
        self.follow = follow
        self.desired = desired
        self.send = send
    }
}

/// A catalog operation that changes the cluster.
protocol ChangeRunner: TypedOperation {
    /// Reads the current state and says what the change will do and how to send it; sends nothing.
    func prepare(_ client: KubeClient) async throws -> PreparedChange
    /// As ``prepare(_:)``, told what the plan read of the target moments before (`planned`), so that a
    /// change whose own read settles it (a scale already at its count) needs no more.
    func prepare(_ client: KubeClient, planned: DeploymentState?) async throws -> PreparedChange
}

extension ChangeRunner {
    func prepare(_ client: KubeClient, planned: DeploymentState?) async throws -> PreparedChange { try await prepare(client) }
}

extension Deployment {
    /// The desired state's version: the generation moves only when the spec changes.
    var desiredVersion: String { "generation \(metadata.generation ?? 0)" }

    /// The deployment's `metadata.resourceVersion` as a merge or strategic patch precondition.
    var versionPrecondition: JSON { ["resourceVersion": .string(metadata.resourceVersion ?? "")] }
}

/// Reading a deployment's state the way the catalog's `before` expects it.
enum DeploymentReader {
    /// The deployment `reference` and the autoscaler that targets it, as a ``DeploymentState``.
    static func state(_ reference: ObjectReference, client: KubeClient) async throws -> (Deployment, DeploymentState) {
        async let deployment = client.get(Deployment.self, .deployments, reference.name, in: reference.namespace)
        async let autoscalers = client.list(Autoscaler.self, .autoscalers, in: reference.namespace)
        let current = try await deployment
        let autoscaler = try await autoscalers.items.first { $0.targets(reference.name) }
        return (current, DeploymentState(current, autoscaler: autoscaler))
    }

    /// The pods `deployment`'s selector picks, sorted by name.
    static func pods(of deployment: Deployment, client: KubeClient) async throws -> [Pod] {
        let pods = try await client.list(Pod.self, .pods, in: deployment.metadata.namespace ?? "", labelSelector: deployment.spec.selector?.queryText)
        return pods.items.sorted { $0.metadata.name < $1.metadata.name }
    }

    /// The pods of `deployment`'s newest replica set: the ones a rollout is waiting for.
    static func newestPods(of deployment: Deployment, client: KubeClient) async throws -> [Pod] {
        async let sets = revisions(of: deployment, client: client)
        async let pods = self.pods(of: deployment, client: client)
        guard let newest = try await sets.first else { return [] }
        return try await pods.filter { $0.metadata.controller?.name == newest.metadata.name }
    }

    /// The replica sets `deployment` owns, newest revision first.
    static func revisions(of deployment: Deployment, client: KubeClient) async throws -> [ReplicaSet] {
        let sets = try await client.list(ReplicaSet.self, .replicaSets, in: deployment.metadata.namespace ?? "",
                                         labelSelector: deployment.spec.selector?.queryText)
        return sets.items.filter { $0.isOwned(by: deployment) }.sorted { ($0.revision ?? 0) > ($1.revision ?? 0) }
    }
}

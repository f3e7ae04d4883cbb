/// A ReplicaSet: one revision of a deployment's pod template.
public struct ReplicaSet: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    /// `spec`: what the object should be, as the API names its fields.
    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int?
        public var template: PodTemplate
    }

    /// `status`: what the cluster reports about the object.
    public struct Status: Codable, Sendable, Hashable {
        public var replicas: Int?
        public var readyReplicas: Int?
        public var availableReplicas: Int?
    }

    /// The rollout revision this replica set holds.
    public var revision: Int? { metadata.annotations?[RevisionAnnotation.key].flatMap(Int.init) }

    /// Whether `deployment` controls this replica set.
    public func isOwned(by deployment: Deployment) -> Bool {
        guard let owner = metadata.controller, owner.kind == "Deployment" else { return false }
        if let uid = owner.uid, let deploymentUID = deployment.metadata.uid { return uid == deploymentUID }
        return owner.name == deployment.metadata.name
    }
}

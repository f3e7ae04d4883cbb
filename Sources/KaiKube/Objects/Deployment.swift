import KaiCore

/// A Deployment as kai reads it. The pod template is kept whole, as JSON, because a rollback
/// writes a ReplicaSet's template back onto the deployment.
public struct Deployment: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    /// `spec`: what the object should be, as the API names its fields.
    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int?
        public var selector: LabelSelectorSpec?
        public var template: PodTemplate
        public var strategy: Strategy?
        public var progressDeadlineSeconds: Int?
        public var paused: Bool?
    }

    /// How old pods are replaced: RollingUpdate or Recreate.
    public struct Strategy: Codable, Sendable, Hashable {
        public var type: String?
    }

    /// `status`: what the cluster reports about the object.
    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int?
        public var replicas: Int?
        public var updatedReplicas: Int?
        public var readyReplicas: Int?
        public var availableReplicas: Int?
        public var unavailableReplicas: Int?
        public var conditions: [Condition]?
    }

    /// `spec.replicas`, which the API defaults to 1.
    public var desiredReplicas: Int { spec.replicas ?? 1 }
    /// The rollout revision, from the `deployment.kubernetes.io/revision` annotation.
    public var revision: Int? { metadata.annotations?[RevisionAnnotation.key].flatMap(Int.init) }
    /// The containers of the pod template with their images.
    public var containers: [PodTemplate.Container] { spec.template.spec.containers }
    /// Each container's name and image, as plans and reports show them.
    public var containerImages: [ContainerImage] {
        containers.map { ContainerImage(name: $0.name, image: $0.image ?? "", resources: $0.resourceValues) }
    }
}

/// `matchLabels` of a label selector (what kai's objects use).
public struct LabelSelectorSpec: Codable, Sendable, Hashable {
    public var matchLabels: [String: String]?

    /// The selector as a query string: "app=x,tier=y".
    public var queryText: String {
        (matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}

/// The annotation holding a rollout revision on deployments and replica sets.
public enum RevisionAnnotation {
    public static let key = "deployment.kubernetes.io/revision"
    /// Where `kubectl rollout history` finds a revision's reason.
    public static let changeCause = "kubernetes.io/change-cause"
}

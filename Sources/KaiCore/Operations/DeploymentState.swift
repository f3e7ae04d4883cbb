/// What is known about a deployment before a change touches it: the "before" of
/// "before -> after", and what an undo puts back.
public struct DeploymentState: Sendable, Hashable, Codable {
    public var replicas: Int
    public var readyReplicas: Int
    public var containers: [ContainerImage]
    /// The rollout revision the deployment is on (`deployment.kubernetes.io/revision`).
    public var revision: Int?
    /// The autoscaler that targets the deployment, if there is one.
    public var autoscaler: AutoscalerState?

    /// A deployment state as read from the cluster.
    public init(replicas: Int, readyReplicas: Int, containers: [ContainerImage], revision: Int?, autoscaler: AutoscalerState? = nil) {
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.containers = containers
        self.revision = revision
        self.autoscaler = autoscaler
    }
}

/// A container, the image it runs and its requests and limits.
public struct ContainerImage: Sendable, Hashable, Codable {
    public var name: String
    public var image: String
    /// Its requests and limits; nil where they were not read.
    public var resources: ContainerResourceValues?

    /// Container `name` running `image`.
    public init(name: String, image: String, resources: ContainerResourceValues? = nil) {
        self.name = name
        self.image = image
        self.resources = resources
    }
}

/// The bounds of an existing HorizontalPodAutoscaler.
public struct AutoscalerState: Sendable, Hashable, Codable {
    public var name: String
    public var min: Int
    public var max: Int
    public var cpuPercent: Int?

    /// An autoscaler called `name` keeping replicas between `min` and `max`.
    public init(name: String, min: Int, max: Int, cpuPercent: Int?) {
        self.name = name
        self.min = min
        self.max = max
        self.cpuPercent = cpuPercent
    }
}

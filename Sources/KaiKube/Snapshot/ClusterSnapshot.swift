import KaiCore

/// What the resolver knows of the cluster: the workloads of one namespace, read at one moment.
///
/// Built from the live cluster by the client, or from the sandbox's seed. Plain values only.
public struct ClusterSnapshot: Sendable, Hashable {
    /// The namespace requests act in unless they name another.
    public var namespace: String
    public var deployments: [DeploymentSnapshot]
    public var pods: [PodSnapshot]
    public var autoscalers: [AutoscalerSnapshot]
    /// Snapshots of the other namespaces a request may act in (those the policy allows), read at the same moment.
    public var neighbours: [ClusterSnapshot] = []
    /// Names of namespaces known to exist beyond those read, so that a request naming one is understood (and refused by policy).
    public var knownNamespaces: [String] = []

    /// A snapshot of `namespace` holding these objects.
    public init(namespace: String, deployments: [DeploymentSnapshot], pods: [PodSnapshot], autoscalers: [AutoscalerSnapshot] = []) {
        self.namespace = namespace
        self.deployments = deployments
        self.pods = pods
        self.autoscalers = autoscalers
    }

    /// The snapshot of `namespace`: this one, or a neighbour read with it; nil when it was not read.
    public func snapshot(of namespace: String) -> ClusterSnapshot? {
        namespace == self.namespace ? self : neighbours.first { $0.namespace == namespace }
    }

    /// The state of deployment `name` as a change would see it before running.
    public func state(ofDeployment name: String) -> DeploymentState? {
        guard let deployment = deployments.first(where: { $0.name == name }) else { return nil }
        let autoscaler = autoscalers.first { $0.targetDeployment == name }
        return DeploymentState(
            replicas: deployment.replicas, readyReplicas: deployment.readyReplicas,
            containers: deployment.containers, revision: deployment.revision,
            autoscaler: autoscaler.map { AutoscalerState(name: $0.name, min: $0.min, max: $0.max, cpuPercent: $0.cpuPercent) })
    }
}

/// The label Kubernetes' recommended labels use to name a workload's role.
public let componentLabel = "app.kubernetes.io/component"

/// A deployment as the resolver sees it.
public struct DeploymentSnapshot: Sendable, Hashable {
    public var name: String
    public var labels: [String: String]
    /// The deployment's `spec.selector.matchLabels`.
    public var selector: [String: String]
    public var replicas: Int
    public var readyReplicas: Int
    public var containers: [ContainerImage]
    public var revision: Int?

    /// A deployment called `name` with these fields.
    public init(name: String, labels: [String: String], selector: [String: String], replicas: Int,
                readyReplicas: Int, containers: [ContainerImage], revision: Int?) {
        self.name = name
        self.labels = labels
        self.selector = selector
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.containers = containers
        self.revision = revision
    }

    /// The `app.kubernetes.io/component` label, if set.
    public var component: String? { labels[componentLabel] }
}

/// A pod as the resolver sees it.
public struct PodSnapshot: Sendable, Hashable {
    public var name: String
    public var labels: [String: String]
    /// The deployment that owns the pod (through its ReplicaSet), if any.
    public var deployment: String?
    /// `status.phase`: Pending, Running, Succeeded, Failed, Unknown.
    public var phase: String

    /// A pod called `name` with these fields.
    public init(name: String, labels: [String: String], deployment: String?, phase: String) {
        self.name = name
        self.labels = labels
        self.deployment = deployment
        self.phase = phase
    }

    /// The `app.kubernetes.io/component` label, if set.
    public var component: String? { labels[componentLabel] }
}

/// A HorizontalPodAutoscaler as the resolver sees it.
public struct AutoscalerSnapshot: Sendable, Hashable {
    public var name: String
    public var targetDeployment: String
    public var min: Int
    public var max: Int
    public var cpuPercent: Int?

    /// An autoscaler called `name` for deployment `targetDeployment`.
    public init(name: String, targetDeployment: String, min: Int, max: Int, cpuPercent: Int?) {
        self.name = name
        self.targetDeployment = targetDeployment
        self.min = min
        self.max = max
        self.cpuPercent = cpuPercent
    }
}

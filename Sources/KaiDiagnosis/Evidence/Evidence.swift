import Foundation
import KaiKube

/// Everything read from the cluster for one diagnosis, as plain values: the analyzers take this
/// and nothing else, so they are tested on values without any I/O.
///
/// Lists cover the whole namespace (each read once), so a dependency of the target is in view
/// too. An optional list is nil when it could not be read (403 Forbidden, no metrics API);
/// ``unreadable`` says why.
public struct Evidence: Sendable {
    public var target: DiagnosisTarget
    public var deployments: [Deployment]
    public var replicaSets: [ReplicaSet]
    public var pods: [Pod]
    public var events: [Event]
    public var services: [Service]
    public var autoscalers: [Autoscaler]
    public var endpoints: [Endpoints]?
    public var claims: [PersistentVolumeClaim]?
    public var nodes: [ClusterNode]?
    /// Secrets by name and key names; kai never reads their values.
    public var secrets: [KeyNames]?
    public var configMaps: [KeyNames]?
    public var metrics: [PodMetrics]?
    /// The tails of the logs read, current and previous.
    public var logs: [ContainerLog]
    /// What could not be read and why.
    public var unreadable: [String]
    /// Requests made to the API to collect all this.
    public var apiCalls: Int
    /// When it was read, for "5 minutes ago".
    public var readAt: Date

    /// Evidence for `target`; every list empty until set.
    public init(target: DiagnosisTarget, deployments: [Deployment] = [], replicaSets: [ReplicaSet] = [], pods: [Pod] = [],
                events: [Event] = [], services: [Service] = [], autoscalers: [Autoscaler] = [], endpoints: [Endpoints]? = [],
                claims: [PersistentVolumeClaim]? = [], nodes: [ClusterNode]? = [], secrets: [KeyNames]? = [], configMaps: [KeyNames]? = [],
                metrics: [PodMetrics]? = [], logs: [ContainerLog] = [], unreadable: [String] = [], apiCalls: Int = 0, readAt: Date = Date()) {
        self.target = target
        self.deployments = deployments
        self.replicaSets = replicaSets
        self.pods = pods
        self.events = events
        self.services = services
        self.autoscalers = autoscalers
        self.endpoints = endpoints
        self.claims = claims
        self.nodes = nodes
        self.secrets = secrets
        self.configMaps = configMaps
        self.metrics = metrics
        self.logs = logs
        self.unreadable = unreadable
        self.apiCalls = apiCalls
        self.readAt = readAt
    }
}

/// The tail of one container's log: the run in progress, or the one before it (`--previous`).
public struct ContainerLog: Sendable, Hashable {
    public var pod: String
    public var container: String
    public var previous: Bool
    /// The lines, oldest first, as the container wrote them.
    public var lines: [String]

    /// The log of `container` in `pod`.
    public init(pod: String, container: String, previous: Bool, lines: [String]) {
        self.pod = pod
        self.container = container
        self.previous = previous
        self.lines = lines
    }
}

/// A pod as kai reads it: where it runs, its containers' states and its conditions.
public struct Pod: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    /// `spec`: what the object should be, as the API names its fields.
    public struct Spec: Codable, Sendable, Hashable {
        public var nodeName: String?
        public var containers: [PodTemplate.Container]?
        public var volumes: [Volume]?
    }

    /// `status`: what the cluster reports about the object.
    public struct Status: Codable, Sendable, Hashable {
        public var phase: String?
        public var reason: String?
        public var message: String?
        public var conditions: [Condition]?
        public var containerStatuses: [ContainerStatus]?
        public var startTime: String?
    }

    /// `status.phase`, "Unknown" when not reported.
    public var phase: String { status?.phase ?? "Unknown" }
    public var containerStatuses: [ContainerStatus] { status?.containerStatuses ?? [] }
    /// Whether the pod's Ready condition is True.
    public var isReady: Bool { status?.conditions?["Ready"]?.isTrue ?? false }
    /// Restarts of all its containers.
    public var restarts: Int { containerStatuses.reduce(0) { $0 + $1.restartCount } }
    /// The word `kubectl get pods` shows in STATUS: a waiting or terminated reason, else the phase.
    public var displayStatus: String {
        for status in containerStatuses {
            if let reason = status.state?.waiting?.reason { return reason }
            if let reason = status.state?.terminated?.reason { return reason }
        }
        return status?.reason ?? phase
    }
}

/// The state of one container in a pod.
public struct ContainerStatus: Codable, Sendable, Hashable {
    public var name: String
    public var ready: Bool
    public var restartCount: Int
    public var image: String?
    public var state: ContainerState?
    public var lastState: ContainerState?
}

/// Waiting, running or terminated, with the reason.
public struct ContainerState: Codable, Sendable, Hashable {
    public var waiting: Waiting?
    public var running: Running?
    public var terminated: Terminated?

    /// Not running yet (or again), and why.
    public struct Waiting: Codable, Sendable, Hashable {
        public var reason: String?
        public var message: String?
    }

    /// Running since `startedAt`.
    public struct Running: Codable, Sendable, Hashable {
        public var startedAt: String?
    }

    /// Ended, with its reason and exit code.
    public struct Terminated: Codable, Sendable, Hashable {
        public var reason: String?
        public var message: String?
        public var exitCode: Int?
        public var signal: Int?
        public var startedAt: String?
        public var finishedAt: String?
    }
}

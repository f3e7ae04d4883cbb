/// A stable code naming what a finding or a cause is: "CrashLoopBackOff", "DatabaseUnreachable".
/// Scripts match on these; the sentences around them may change, the codes do not.
public struct ReasonCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// The code spelled `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// A code is encoded as its bare string: `"CrashLoopBackOff"`.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

// MARK: What is failing (a finding's reason)

extension ReasonCode {
    /// A container keeps exiting and the kubelet backs off restarting it.
    public static let crashLoopBackOff = ReasonCode("CrashLoopBackOff")
    /// The image cannot be pulled and the kubelet backs off trying.
    public static let imagePullBackOff = ReasonCode("ImagePullBackOff")
    /// The last pull of the image failed.
    public static let errImagePull = ReasonCode("ErrImagePull")
    /// A container was killed for using more memory than its limit.
    public static let oomKilled = ReasonCode("OOMKilled")
    /// Not a fault: the `resources` operation's recommended requests and limits for a container, offered as a fix.
    public static let resourceRecommendation = ReasonCode("ResourceRecommendation")
    /// No node can take the pod.
    public static let unschedulable = ReasonCode("Unschedulable")
    /// A container cannot be created from its configuration (a Secret or ConfigMap, or a key of one, is missing).
    public static let createContainerConfigError = ReasonCode("CreateContainerConfigError")
    /// The readiness probe fails: the pod runs but gets no traffic.
    public static let readinessProbeFailed = ReasonCode("ReadinessProbeFailed")
    /// The liveness probe fails: the kubelet kills and restarts the container.
    public static let livenessProbeFailed = ReasonCode("LivenessProbeFailed")
    /// A Service's selector matches no pod.
    public static let serviceSelectorMismatch = ReasonCode("ServiceSelectorMismatch")
    /// A Service matches pods but none is ready, so it has nowhere to send traffic.
    public static let noReadyEndpoints = ReasonCode("NoReadyEndpoints")
    /// A rollout made no progress within the deployment's progress deadline.
    public static let progressDeadlineExceeded = ReasonCode("ProgressDeadlineExceeded")
    /// Something the workload connects to is down, which explains its own failure.
    public static let dependencyDown = ReasonCode("DependencyDown")
    /// A pod waits for a PersistentVolumeClaim that no volume is bound to.
    public static let volumeClaimPending = ReasonCode("VolumeClaimPending")
    /// The autoscaler cannot compute or apply a replica count.
    public static let autoscalerNotScaling = ReasonCode("AutoscalerNotScaling")
    /// The autoscaler wants more replicas than its maximum allows.
    public static let autoscalerAtMaximum = ReasonCode("AutoscalerAtMaximum")
}

// MARK: Why (a cause's reason)

extension ReasonCode {
    /// The app cannot connect to its database.
    public static let databaseUnreachable = ReasonCode("DatabaseUnreachable")
    /// The app reads an environment variable that is not set.
    public static let missingEnvironmentVariable = ReasonCode("MissingEnvironmentVariable")
    /// The app died with a Python traceback not otherwise recognised.
    public static let pythonTraceback = ReasonCode("PythonTraceback")
    /// The port the app listens on is taken.
    public static let portInUse = ReasonCode("PortInUse")
    /// A module or file the app loads is missing from the image.
    public static let moduleNotFound = ReasonCode("ModuleNotFound")
    /// The app may not read or write a file or directory it needs.
    public static let permissionDenied = ReasonCode("PermissionDenied")
    /// The container's command does not exist in the image (exit code 127).
    public static let commandNotFound = ReasonCode("CommandNotFound")
    /// The container's command cannot be executed (exit code 126).
    public static let commandNotExecutable = ReasonCode("CommandNotExecutable")
    /// The process crashed on a memory access (SIGSEGV, exit code 139).
    public static let segmentationFault = ReasonCode("SegmentationFault")
    /// The process was killed (SIGKILL, exit code 137) other than for memory.
    public static let killed = ReasonCode("Killed")
    /// The image or tag does not exist in the registry.
    public static let imageNotFound = ReasonCode("ImageNotFound")
    /// The registry refused the pull (credentials, or no access to the repository).
    public static let registryAccessDenied = ReasonCode("RegistryAccessDenied")
    /// The registry could not be reached.
    public static let registryUnreachable = ReasonCode("RegistryUnreachable")
    /// The container's memory use reached its limit.
    public static let memoryLimitReached = ReasonCode("MemoryLimitReached")
    /// No node has enough unrequested CPU.
    public static let insufficientCPU = ReasonCode("InsufficientCPU")
    /// No node has enough unrequested memory.
    public static let insufficientMemory = ReasonCode("InsufficientMemory")
    /// The scheduler gave another reason (taints, affinity, node selectors).
    public static let noMatchingNode = ReasonCode("NoMatchingNode")
    /// A key the container reads from a Secret is not in it.
    public static let missingSecretKey = ReasonCode("MissingSecretKey")
    /// A Secret the container reads does not exist.
    public static let missingSecret = ReasonCode("MissingSecret")
    /// A key the container reads from a ConfigMap is not in it.
    public static let missingConfigMapKey = ReasonCode("MissingConfigMapKey")
    /// A ConfigMap the container reads does not exist.
    public static let missingConfigMap = ReasonCode("MissingConfigMap")
    /// The probe's endpoint answers with an error status.
    public static let probeErrorStatus = ReasonCode("ProbeErrorStatus")
    /// Nothing accepts connections on the probe's port.
    public static let probeConnectionRefused = ReasonCode("ProbeConnectionRefused")
    /// The probe's endpoint does not answer in time.
    public static let probeTimeout = ReasonCode("ProbeTimeout")
    /// The probe's command fails.
    public static let probeCommandFailed = ReasonCode("ProbeCommandFailed")
    /// The deployment asks for no replicas.
    public static let scaledToZero = ReasonCode("ScaledToZero")
    /// The autoscaler cannot read the metrics it scales on.
    public static let metricsUnavailable = ReasonCode("MetricsUnavailable")
}

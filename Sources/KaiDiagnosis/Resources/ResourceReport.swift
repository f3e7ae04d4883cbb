import KaiCore

/// What the `resources` operation reports: each container's requests and limits against its
/// observed usage with recommended values and the reasoning, the nodes' headroom, and how much
/// room each autoscaler has left.
public struct ResourceReport: Sendable, Hashable {
    public var target: DiagnosisTarget
    public var containers: [ContainerResources]
    public var nodes: [NodeHeadroom]
    public var autoscalers: [AutoscalerHeadroom]
    /// What the figures rest on and what could not be read.
    public var notes: [String]
    /// Requests made to the Kubernetes API.
    public var apiCalls: Int

    /// The recommendations' setResources steps, numbered from 1 as `/fix N` takes them.
    public var fixes: [FixSuggestion] {
        containers.compactMap { $0.recommended?.fix }.map { FixSuggestion(step: $0, finding: .resourceRecommendation) }
    }

    /// Takes out the fixes `refusal` refuses (it returns why, or nil to keep the fix), saying why in the reasoning.
    public mutating func withholdFixes(_ refusal: (PlannedStep) -> String?) {
        for index in containers.indices {
            guard let fix = containers[index].recommended?.fix, let why = refusal(fix) else { continue }
            containers[index].recommended?.fix = nil
            containers[index].recommended?.reasoning.append("kai could set these values, but the policy refuses it: \(why)")
        }
    }

    /// A report on `target`.
    public init(target: DiagnosisTarget, containers: [ContainerResources], nodes: [NodeHeadroom], autoscalers: [AutoscalerHeadroom],
                notes: [String], apiCalls: Int) {
        self.target = target
        self.containers = containers
        self.nodes = nodes
        self.autoscalers = autoscalers
        self.notes = notes
        self.apiCalls = apiCalls
    }
}

/// CPU in cores and memory in bytes; nil where not set or not known.
public struct Amounts: Sendable, Hashable {
    public var cpu: Double?
    public var memory: Double?

    /// CPU `cpu` cores and `memory` bytes.
    public init(cpu: Double?, memory: Double?) {
        self.cpu = cpu
        self.memory = memory
    }
}

/// One container of one workload.
public struct ContainerResources: Sendable, Hashable {
    /// The deployment (or lone pod) it belongs to.
    public var workload: String
    public var container: String
    /// The pods whose usage was seen.
    public var podsMeasured: Int
    public var requests: Amounts
    public var limits: Amounts
    /// The highest usage among its pods in the metrics API's latest window; nil without metrics.
    public var peakUsage: Amounts?
    /// Whether one of its pods was killed for memory.
    public var oomKilled: Bool
    /// Recommended values; nil without usage to base them on.
    public var recommended: Recommended?

    /// Recommended requests and limits with the reasoning and the chart keys to change.
    public struct Recommended: Sendable, Hashable {
        public var requests: Amounts
        public var limits: Amounts
        /// How each number was reached, one sentence per resource.
        public var reasoning: [String]
        /// `backend.resources.requests.cpu` -> "80m", when the chart manages the deployment.
        public var values: [ValuesSetting]
        /// The setResources step that makes these the container's values, when it belongs to a deployment
        /// and the policy allows it; never run from here.
        public var fix: PlannedStep?
    }
}

/// One setting of the chart's values.yaml and the value to give it.
public struct ValuesSetting: Sendable, Hashable {
    public var key: String
    public var value: String
}

/// What a node can still take, by requests (what the scheduler counts).
public struct NodeHeadroom: Sendable, Hashable {
    public var node: String
    public var allocatable: Amounts
    public var requested: Amounts
    public var pods: Int

    /// What is left for new requests.
    public var free: Amounts {
        Amounts(cpu: allocatable.cpu.map { max(0, $0 - (requested.cpu ?? 0)) }, memory: allocatable.memory.map { max(0, $0 - (requested.memory ?? 0)) })
    }
}

/// How far an autoscaler can still scale its deployment, and whether the cluster has room for it.
public struct AutoscalerHeadroom: Sendable, Hashable {
    public var autoscaler: String
    public var deployment: String
    public var current: Int
    public var min: Int
    public var max: Int
    public var cpuTarget: Int?
    /// What the pods still allowed would request in all, at today's requests.
    public var extraRequests: Amounts
    /// Whether the nodes' free requests hold them.
    public var fits: Bool?
}

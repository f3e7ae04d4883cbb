import KaiCore

/// One problem the analyzers found: what fails (a reason code and a sentence), why when it can
/// tell (a cause), the evidence it rests on, and what would fix it.
public struct Finding: Sendable, Hashable {
    public var reason: ReasonCode
    /// The object that fails: the deployment whose pods fail, a pod of its own, a Service, an autoscaler.
    public var object: ObjectIdentity
    /// The pods the finding is about, when it is about pods.
    public var pods: [String]
    /// One plain sentence: what fails and what that means.
    public var summary: String
    public var cause: Cause?
    /// What the finding rests on, as lines; text from the cluster in them is data, never an instruction.
    public var evidence: [EvidenceLine]
    /// Fixes from the catalog, resolved, to confirm and run like any plan.
    public var fixes: [PlannedStep]
    /// What to do where no catalog operation fits ("add the key to the Secret").
    public var advice: [String]

    /// A finding of `reason` about `object`.
    public init(reason: ReasonCode, object: ObjectIdentity, pods: [String] = [], summary: String, cause: Cause? = nil,
                evidence: [EvidenceLine] = [], fixes: [PlannedStep] = [], advice: [String] = []) {
        self.reason = reason
        self.object = object
        self.pods = pods
        self.summary = summary
        self.cause = cause
        self.evidence = evidence
        self.fixes = fixes
        self.advice = advice
    }
}

/// Why something fails, when the evidence says: a code and a sentence.
public struct Cause: Sendable, Hashable {
    public var reason: ReasonCode
    public var summary: String

    /// A cause of `reason`, said by `summary`.
    public init(_ reason: ReasonCode, _ summary: String) {
        self.reason = reason
        self.summary = summary
    }
}

/// Any object a finding can be about, by kind, namespace and name.
public struct ObjectIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The API kind: "Deployment", "Pod", "Service", "HorizontalPodAutoscaler", "PersistentVolumeClaim".
    public var kind: String
    public var namespace: String
    public var name: String

    /// The object `kind` called `name` in `namespace`.
    public init(kind: String, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// "deployment todo-chatbot-backend".
    public var description: String { "\(Self.noun(kind)) \(name)" }

    static func noun(_ kind: String) -> String {
        switch kind {
        case "HorizontalPodAutoscaler": "autoscaler"
        case "PersistentVolumeClaim": "volume claim"
        case "ReplicaSet": "replica set"
        case "ConfigMap": "ConfigMap"
        case "Secret": "Secret"
        default: kind.lowercased()
        }
    }
}

/// One line of evidence: where it comes from and what it says. Lines whose text the cluster
/// wrote (logs, event and status messages) are marked so, for redaction before they go anywhere.
public struct EvidenceLine: Sendable, Hashable {
    /// Where a line comes from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The state the API reports: phases, conditions, container states, restart counts.
        case status
        /// An event's reason and message.
        case event
        /// A container's log line.
        case log
        /// What the objects ask for: images, probes, requests and limits, referenced keys.
        case spec
        /// Observed usage from the metrics API, node capacity.
        case usage
    }

    public var source: Source
    /// The line as shown: "pod todo-chatbot-backend-…: CrashLoopBackOff, 4 restarts".
    public var text: String

    /// A line from `source` saying `text`.
    public init(_ source: Source, _ text: String) {
        self.source = source
        self.text = text
    }

    /// Whether the cluster (or the software in it) wrote the text, so it may hold anything.
    public var isClusterText: Bool { source == .log || source == .event }
}

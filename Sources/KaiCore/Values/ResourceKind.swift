/// The kinds of object `list` can show.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable, Codable {
    case pods, deployments, replicasets, services, events, hpa, configmaps

    /// The words people use for each kind, kubectl's short names included.
    public var spellings: [String] {
        switch self {
        case .pods: ["pods", "pod", "po"]
        case .deployments: ["deployments", "deployment", "deploy", "deploys", "deployment.apps"]
        case .replicasets: ["replicasets", "replicaset", "rs", "replica-sets"]
        case .services: ["services", "service", "svc", "svcs"]
        case .events: ["events", "event", "ev"]
        case .hpa: ["hpa", "hpas", "horizontalpodautoscalers", "horizontalpodautoscaler", "autoscalers", "autoscaler"]
        case .configmaps: ["configmaps", "configmap", "cm", "config-maps"]
        }
    }

    /// The kind in words, for descriptions: "horizontal pod autoscalers".
    public var displayName: String {
        switch self {
        case .replicasets: "replica sets"
        case .hpa: "horizontal pod autoscalers"
        case .configmaps: "config maps"
        default: rawValue
        }
    }

    /// The kind a word names, if any: `ResourceKind(word: "svc") == .services`.
    public init?(word: String) {
        guard let kind = Self.allCases.first(where: { $0.spellings.contains(word) }) else { return nil }
        self = kind
    }
}

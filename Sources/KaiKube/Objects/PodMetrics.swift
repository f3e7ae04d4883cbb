/// Observed usage of a pod's containers, from the metrics API (`kubectl top pod`).
public struct PodMetrics: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var containers: [ContainerMetrics]

    /// One container's usage: `cpu` and `memory` quantities.
    public struct ContainerMetrics: Codable, Sendable, Hashable {
        public var name: String
        public var usage: [String: String]
    }
}

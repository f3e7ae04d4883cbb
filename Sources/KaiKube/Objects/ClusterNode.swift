/// A node of the cluster (named so beside YAML's Node): what it can hold and whether it is ready.
public struct ClusterNode: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    /// `spec`: whether new pods may be scheduled on it.
    public struct Spec: Codable, Sendable, Hashable {
        public var unschedulable: Bool?
    }

    /// `status`: capacity, what pods may use of it, and its conditions.
    public struct Status: Codable, Sendable, Hashable {
        public var capacity: [String: String]?
        public var allocatable: [String: String]?
        public var conditions: [Condition]?
    }

    /// What pods may request in all, in base units (cores, bytes), for `resource` ("cpu", "memory").
    public func allocatable(_ resource: String) -> Double? {
        (status?.allocatable?[resource] ?? status?.capacity?[resource]).flatMap(Quantity.parse)
    }
}

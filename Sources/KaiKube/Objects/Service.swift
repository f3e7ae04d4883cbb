/// A Service: how its pods are reached.
public struct Service: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var spec: Spec

    /// `spec`: what the object should be, as the API names its fields.
    public struct Spec: Codable, Sendable, Hashable {
        public var type: String?
        public var clusterIP: String?
        public var selector: [String: String]?
        public var ports: [Port]?
    }

    /// One port the service exposes.
    public struct Port: Codable, Sendable, Hashable {
        public var name: String?
        public var port: Int
        public var nodePort: Int?
        public var `protocol`: String?
    }
}

/// A Service: how its pods are reached.
public struct Service: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        public var type: String?
        public var clusterIP: String?
        public var selector: [String: String]?
        public var ports: [Port]?
    }

    public struct Port: Codable, Sendable, Hashable {
        public var name: String?
        public var port: Int
        public var nodePort: Int?
        public var `protocol`: String?
    }
}

/// A ConfigMap, by name and keys: kai never shows values it does not need.
public struct ConfigMap: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var data: [String: String]?

    /// The keys it holds.
    public var keys: [String] { (data ?? [:]).keys.sorted() }
}

/// The scale subresource of a deployment.
public struct Scale: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int?
    }

    public struct Status: Codable, Sendable, Hashable {
        public var replicas: Int?
        public var selector: String?
    }
}

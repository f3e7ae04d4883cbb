/// The scale subresource of a deployment.
public struct Scale: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    /// `spec`: what the object should be, as the API names its fields.
    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int?
    }

    /// `status`: what the cluster reports about the object.
    public struct Status: Codable, Sendable, Hashable {
        public var replicas: Int?
        public var selector: String?
    }
}

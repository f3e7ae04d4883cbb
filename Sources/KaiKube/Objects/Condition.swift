/// A status condition of a deployment, pod or autoscaler.
public struct Condition: Codable, Sendable, Hashable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransitionTime: String?
    public var lastUpdateTime: String?

    /// Whether `status` is "True".
    public var isTrue: Bool { status == "True" }
}

extension Array where Element == Condition {
    /// The condition of `type`, if present.
    public subscript(type: String) -> Condition? { first { $0.type == type } }
}

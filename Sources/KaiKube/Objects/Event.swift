import Foundation

/// A core/v1 Event: something that happened to an object.
public struct Event: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var involvedObject: InvolvedObject
    public var reason: String?
    public var message: String?
    /// Normal or Warning.
    public var type: String?
    public var count: Int?
    public var firstTimestamp: String?
    public var lastTimestamp: String?
    public var eventTime: String?

    /// The object the event is about.
    public struct InvolvedObject: Codable, Sendable, Hashable {
        public var kind: String?
        public var name: String?
        public var namespace: String?
        public var uid: String?
    }

    /// When it last happened.
    public var time: Date? {
        (lastTimestamp ?? eventTime ?? firstTimestamp ?? metadata.creationTimestamp).flatMap(KubeTime.parse)
    }
}

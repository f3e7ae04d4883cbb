import Foundation

/// The `metadata` every Kubernetes object carries, as far as kai reads it.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int?
    public var creationTimestamp: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?

    /// Metadata naming an object `name`.
    public init(name: String, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }

    /// The owner that controls the object, if any.
    public var controller: OwnerReference? { ownerReferences?.first { $0.controller == true } ?? ownerReferences?.first }

    /// When the object was created.
    public var created: Date? { creationTimestamp.flatMap(KubeTime.parse) }
}

/// An owner of an object: the ReplicaSet of a pod, the Deployment of a ReplicaSet.
public struct OwnerReference: Codable, Sendable, Hashable {
    public var kind: String
    public var name: String
    public var uid: String?
    public var controller: Bool?
}

/// A list answer: the items and the version to watch from.
public struct ObjectList<Item: Decodable & Sendable>: Decodable, Sendable {
    public var metadata: ListMeta
    public var items: [Item]

    enum CodingKeys: CodingKey { case metadata, items }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}

/// A list's `metadata`.
public struct ListMeta: Codable, Sendable, Hashable {
    public var resourceVersion: String?
    public var `continue`: String?

    /// Empty list metadata, for a list answer that has none.
    public init() {}
}

/// Kubernetes timestamps: RFC 3339, with or without fractions of a second.
public enum KubeTime {
    /// Parses `2026-11-25T15:42:59Z` or `2026-11-25T15:42:59.123456Z`.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Formats `date` as the API writes it: `2026-11-25T15:42:59Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// Any object, read for its metadata alone: whether it exists, how many there are.
public struct AnyObject: Codable, Sendable, Hashable {
    public let metadata: ObjectMeta
}

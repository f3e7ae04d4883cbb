/// One change to an object, as the watch API streams it.
public struct WatchEvent: Sendable {
    /// ADDED, MODIFIED, DELETED or BOOKMARK.
    public let type: String
    public let object: JSONValue
    /// The store's resource version after the change.
    public let revision: Int64
    /// The resource the object belongs to.
    let resource: ResourceType

    /// The event as the API sends it: `{"type": "ADDED", "object": {...}}`.
    public var json: JSONValue { ["type": .string(type), "object": object] }

    /// The event as a watch on `scope` sees it, in the scope's API version; nil when outside it.
    func shown(to scope: Scope) -> WatchEvent? {
        guard Versions.storage(of: scope.resource) == resource else { return nil }
        let shown = Versions.present(object, as: scope.resource)
        guard scope.contains(shown) else { return nil }
        return WatchEvent(type: type, object: shown, revision: revision, resource: resource)
    }
}

/// What a client lists or watches: one resource, optionally in one namespace, filtered.
struct Scope: Sendable {
    let resource: ResourceType
    let namespace: String?
    let labels: Selector
    let fields: Selector

    func contains(_ object: JSONValue) -> Bool {
        if let namespace, object[path: "metadata.namespace"].string != namespace { return false }
        let labels = object[path: "metadata.labels"].stringMap
        return self.labels.matches { labels[$0] } && fields.matches { FieldPath.value(of: object, at: $0) }
    }
}

/// Reads field-selector paths from objects, as the API server exposes them.
enum FieldPath {
    static func value(of object: JSONValue, at path: String) -> String? {
        switch object[path: path] {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): String(flag)
        case .null where path == "metadata.namespace": ""
        default: nil
        }
    }
}

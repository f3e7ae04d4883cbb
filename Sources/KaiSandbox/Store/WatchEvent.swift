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

/// The query parameters of a watch request, read as the API server reads them.
struct WatchOptions: Sendable {
    /// Where to resume; nil starts from the current state (sent as ADDED events first).
    let since: Int64?
    /// `sendInitialEvents=true`: a streaming list — the current state, then a bookmark marking its end.
    let sendInitialEvents: Bool
    let allowBookmarks: Bool
    let timeoutSeconds: Int

    init(_ query: [String: String]) {
        let flag = { (name: String) in ["true", "1"].contains(query[name] ?? "") }
        sendInitialEvents = flag("sendInitialEvents")
        allowBookmarks = flag("allowWatchBookmarks")
        let resourceVersion = query["resourceVersion"].flatMap(Int64.init)
        // "" and "0" mean "from any state", and a streaming list always starts with the current state.
        since = sendInitialEvents || resourceVersion == 0 ? nil : resourceVersion
        timeoutSeconds = query["timeoutSeconds"].flatMap(Int.init).map { min(max($0, 1), 3600) } ?? 1800
    }

    /// A BOOKMARK's object: only the kind and the resource version the client has seen up to,
    /// annotated `k8s.io/initial-events-end` when it closes the initial events of a streaming list.
    static func bookmark(_ resource: ResourceType, revision: Int64, initialEventsEnd: Bool) -> JSONValue {
        var metadata: JSONValue = ["resourceVersion": .string(String(revision))]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return ["kind": .string(resource.kind), "apiVersion": .string(resource.groupVersion), "metadata": metadata]
    }
}

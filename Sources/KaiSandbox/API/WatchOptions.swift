/// The query parameters of a watch request, read as the API server reads them.
struct WatchOptions: Sendable {
    /// Where to resume; nil starts from the current state (sent as ADDED events first).
    let since: Int64?
    /// `sendInitialEvents=true`: a streaming list — the current state, then a bookmark marking its end.
    let sendInitialEvents: Bool
    let allowBookmarks: Bool
    let timeoutSeconds: Int

    init(_ request: APIRequest) throws(APIError) {
        let flag = { (name: String) in ["true", "1"].contains(request.query[name] ?? "") }
        sendInitialEvents = flag("sendInitialEvents")
        allowBookmarks = flag("allowWatchBookmarks")
        let resourceVersion = try request.integer("resourceVersion")
        // "" and "0" mean "from any state", and a streaming list always starts with the current state.
        since = sendInitialEvents || resourceVersion == 0 ? nil : resourceVersion
        timeoutSeconds = try request.integer("timeoutSeconds").map { Int(min(max($0, 1), 3600)) } ?? 1800
    }

    /// A BOOKMARK's object: only the kind and the resource version the client has seen up to,
    /// annotated `k8s.io/initial-events-end` when it closes the initial events of a streaming list.
    static func bookmark(_ resource: ResourceType, revision: Int64, initialEventsEnd: Bool) -> JSONValue {
        var metadata: JSONValue = ["resourceVersion": .string(String(revision))]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return ["kind": .string(resource.kind), "apiVersion": .string(resource.groupVersion), "metadata": metadata]
    }
}

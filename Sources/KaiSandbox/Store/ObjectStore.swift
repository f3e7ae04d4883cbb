import Foundation

/// The sandbox's etcd: every object, one global resource version, and watches.
///
/// Writes follow the API conventions: a create sets `uid`, `creationTimestamp`,
/// `resourceVersion` and `generation`; an update with a stale `resourceVersion` is a 409;
/// a spec change bumps `generation`; a status write touches only `status`.
public actor ObjectStore {
    private var buckets: [ResourceType: [String: JSONValue]] = [:]
    private var revision: Int64 = 1
    /// Recent changes, so a watch can resume from a resource version.
    private var history: [WatchEvent] = []
    private var watchers: [UUID: (scope: Scope, continuation: AsyncStream<WatchEvent>.Continuation)] = [:]
    private let historyLimit: Int
    private let now: @Sendable () -> Date

    /// An empty store; `now` is the clock used for timestamps. A watch may resume from any of the
    /// last `historyLimit` changes (the API server's watch cache); from an older version it is told 410 Expired.
    public init(historyLimit: Int = 20_000, now: @escaping @Sendable () -> Date = { Date() }) {
        self.historyLimit = historyLimit
        self.now = now
    }

    /// The current resource version.
    public var resourceVersion: Int64 { revision }

    // MARK: - Reads

    public func get(_ resource: ResourceType, namespace: String?, name: String) throws(APIError) -> JSONValue {
        Versions.present(try stored(resource, namespace: namespace, name: name), as: resource)
    }

    /// The object as kept, in its storage version.
    private func stored(_ resource: ResourceType, namespace: String?, name: String) throws(APIError) -> JSONValue {
        guard let object = buckets[Versions.storage(of: resource)]?[Self.key(namespace, name)] else { throw APIError.notFound(resource, name) }
        return object
    }

    /// Objects in scope, sorted by namespace and name, `limit` at a time from `continue`.
    func list(_ scope: Scope, limit: Int? = nil, continue token: String? = nil) throws(APIError) -> (items: [JSONValue], revision: Int64, continue: String?, remaining: Int?) {
        let all = (buckets[Versions.storage(of: scope.resource)] ?? [:]).sorted { $0.key < $1.key }
            .map { Versions.present($0.value, as: scope.resource) }.filter(scope.contains)
        var start = 0
        if let token, !token.isEmpty {
            guard let data = Data(base64Encoded: token), let offset = Int(String(decoding: data, as: UTF8.self)), offset >= 0 else {
                throw APIError.badRequest("continue key is not valid: \(token)")
            }
            start = min(offset, all.count)
        }
        guard let limit, limit > 0, start + limit < all.count else { return (Array(all[start...]), revision, nil, nil) }
        let next = Data(String(start + limit).utf8).base64EncodedString()
        return (Array(all[start..<start + limit]), revision, next, all.count - start - limit)
    }

    /// All objects of `resource` (controllers' view).
    public func all(_ resource: ResourceType, namespace: String? = nil) -> [JSONValue] {
        let prefix = namespace.map { "\($0)/" }
        return (buckets[resource] ?? [:]).filter { prefix == nil || $0.key.hasPrefix(prefix ?? "") }
            .sorted { $0.key < $1.key }.map(\.value)
    }

    /// The first object of `resource` in `namespace` for which `matches` holds, in no particular order.
    public func first(_ resource: ResourceType, namespace: String?, where matches: (JSONValue) -> Bool) -> JSONValue? {
        let prefix = "\(namespace ?? "")/"
        return buckets[resource]?.first { $0.key.hasPrefix(prefix) && matches($0.value) }?.value
    }

    // MARK: - Writes

    /// Creates `object` in `namespace`; fills in the fields the server owns.
    @discardableResult
    public func create(_ resource: ResourceType, namespace: String?, _ object: JSONValue) throws(APIError) -> JSONValue {
        let view = resource
        let resource = Versions.storage(of: view)
        var object = Versions.toStorage(object, from: view)
        let namespace = resource.namespaced ? (namespace ?? object[path: "metadata.namespace"].string ?? "default") : nil
        if let namespace, buckets[ResourceCatalog.namespace]?[Self.key(nil, namespace)] == nil {
            throw APIError.namespaceNotFound(namespace)
        }
        if object[path: "metadata.name"].string?.isEmpty ?? true {
            guard let prefix = object[path: "metadata.generateName"].string, !prefix.isEmpty else {
                throw APIError.invalid(resource, "", "metadata.name: Required value: name or generateName is required")
            }
            object[path: "metadata.name"] = .string(prefix + NameSuffix.random(length: 5))
        }
        let name = object[path: "metadata.name"].string ?? ""
        if resource.group == "rbac.authorization.k8s.io" {
            // RBAC objects are named like path segments ("system:basic-user"), as the API server validates them.
            guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("%") else {
                throw APIError.invalid(resource, name, "metadata.name: Invalid value: \"\(name)\": may not contain '/' or '%', and may not be '.' or '..'")
            }
        } else if !Self.isValidName(name) {
            throw APIError.invalid(resource, name, "metadata.name: Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")
        }
        guard buckets[resource]?[Self.key(namespace, name)] == nil else { throw APIError.alreadyExists(resource, name) }
        try ContainerValidation.check(resource, object)
        object = Defaults.apply(resource, to: object, taken: ServiceAllocations(resource == ResourceCatalog.service ? all(resource) : []))
        object["apiVersion"] = .string(resource.groupVersion)
        object["kind"] = .string(resource.kind)
        object[path: "metadata.namespace"] = namespace.map(JSONValue.string) ?? .null
        object[path: "metadata.uid"] = .string(UUID().uuidString.lowercased())
        object[path: "metadata.creationTimestamp"] = .string(Timestamp.format(now()))
        if resource.hasGeneration { object[path: "metadata.generation"] = 1 }
        return Versions.present(commit(resource, namespace, name, object, type: "ADDED"), as: view)
    }

    /// Replaces an object (PUT). With `subresource == "status"` only its status changes; otherwise its status is kept.
    @discardableResult
    public func update(_ resource: ResourceType, namespace: String?, name: String, _ object: JSONValue,
                       subresource: String? = nil) throws(APIError) -> JSONValue {
        let view = resource
        let resource = Versions.storage(of: view)
        let current = try stored(resource, namespace: namespace, name: name)
        let object = Versions.toStorage(object, from: view, current: current)
        if let sent = object[path: "metadata.name"].string, !sent.isEmpty, sent != name {
            throw APIError.badRequest("the name of the object (\(sent)) does not match the name on the URL (\(name))")
        }
        if let sent = object[path: "metadata.resourceVersion"].string, !sent.isEmpty,
           sent != current[path: "metadata.resourceVersion"].string {
            throw APIError.conflict(resource, name)
        }
        var next: JSONValue
        if subresource == "status" {
            next = current
            next["status"] = object["status"]
        } else {
            next = object
            next["status"] = current["status"]
            for field in ["uid", "creationTimestamp", "namespace", "name", "generation", "deletionTimestamp"] {
                next[path: "metadata.\(field)"] = current[path: "metadata.\(field)"]
            }
            next["apiVersion"] = current["apiVersion"]
            next["kind"] = current["kind"]
            try ContainerValidation.check(resource, next)
            if resource == ResourceCatalog.service, (next[path: "spec.clusterIP"].string ?? "").isEmpty {
                next[path: "spec.clusterIP"] = current[path: "spec.clusterIP"]
            }
            next = Defaults.apply(resource, to: next, taken: ServiceAllocations(resource == ResourceCatalog.service ? all(resource) : []))
            if resource.hasGeneration, Self.spec(of: next) != Self.spec(of: current) {
                next[path: "metadata.generation"] = .int(Int64((current[path: "metadata.generation"].int ?? 1) + 1))
            }
        }
        next[path: "metadata.resourceVersion"] = current[path: "metadata.resourceVersion"]
        guard next != current else { return Versions.present(current, as: view) }
        return Versions.present(commit(resource, namespace, name, next, type: "MODIFIED"), as: view)
    }

    /// Writes both spec and status at once: the controllers' path, which a client never takes.
    @discardableResult
    public func replace(_ resource: ResourceType, namespace: String?, name: String, _ object: JSONValue) throws(APIError) -> JSONValue {
        let current = try get(resource, namespace: namespace, name: name)
        var next = try update(resource, namespace: namespace, name: name, object)
        if object["status"] != next["status"] {
            var withStatus = next
            withStatus["status"] = object["status"]
            next = try update(resource, namespace: namespace, name: name, withStatus, subresource: "status")
        }
        return current == next ? current : next
    }

    /// Deletes an object and, by owner references, everything it owns; only while it still has what
    /// `preconditions` name (DeleteOptions' uid and resourceVersion), else 409 Conflict.
    @discardableResult
    public func delete(_ resource: ResourceType, namespace: String?, name: String,
                       preconditions: DeletePreconditions = DeletePreconditions()) throws(APIError) -> JSONValue {
        let view = resource
        let resource = Versions.storage(of: view)
        let object = try stored(resource, namespace: namespace, name: name)
        try preconditions.check(object, resource: view, name: name)
        buckets[resource]?[Self.key(namespace, name)] = nil
        revision += 1
        var gone = object
        gone[path: "metadata.resourceVersion"] = .string(String(revision))
        publish(WatchEvent(type: "DELETED", object: gone, revision: revision, resource: resource))
        if resource == ResourceCatalog.namespace {
            for (type, objects) in buckets where type.namespaced {
                for (_, child) in objects where child[path: "metadata.namespace"].string == name {
                    _ = try? delete(type, namespace: name, name: child[path: "metadata.name"].string ?? "")
                }
            }
        }
        if let uid = object[path: "metadata.uid"].string { collectDependents(of: uid, in: namespace) }
        return Versions.present(gone, as: view)
    }

    private func collectDependents(of uid: String, in namespace: String?) {
        for (type, objects) in buckets {
            for (_, child) in objects where (child[path: "metadata.ownerReferences"].array ?? []).contains(where: { $0["uid"].string == uid }) {
                _ = try? delete(type, namespace: child[path: "metadata.namespace"].string, name: child[path: "metadata.name"].string ?? "")
            }
        }
    }

    private func commit(_ resource: ResourceType, _ namespace: String?, _ name: String, _ object: JSONValue, type: String) -> JSONValue {
        revision += 1
        var stored = object
        stored[path: "metadata.resourceVersion"] = .string(String(revision))
        buckets[resource, default: [:]][Self.key(namespace, name)] = stored
        publish(WatchEvent(type: type, object: stored, revision: revision, resource: resource))
        return stored
    }

    // MARK: - Watch

    /// A watch on `scope`: with `since`, the changes after that resource version (replayed from
    /// history) and then live ones; without it, the objects in scope now (to send as ADDED) and
    /// the live changes after them. Snapshot and stream are taken together, so none is lost or repeated.
    func watch(_ scope: Scope, since: Int64?) throws(APIError) -> (initial: [JSONValue], revision: Int64, events: AsyncStream<WatchEvent>) {
        if let since, since < revision, let oldest = history.first?.revision, since < oldest - 1 {
            throw APIError(code: 410, reason: "Expired", message: "too old resource version: \(since) (\(oldest - 1))")
        }
        let (stream, continuation) = AsyncStream<WatchEvent>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        var initial: [JSONValue] = []
        if let since {
            for event in history where event.revision > since {
                if let shown = event.shown(to: scope) { continuation.yield(shown) }
            }
        } else {
            initial = (buckets[Versions.storage(of: scope.resource)] ?? [:]).sorted { $0.key < $1.key }
                .map { Versions.present($0.value, as: scope.resource) }.filter(scope.contains)
        }
        let id = UUID()
        watchers[id] = (scope, continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.stopWatching(id) }
        }
        return (initial, revision, stream)
    }

    private func stopWatching(_ id: UUID) { watchers[id] = nil }

    private func publish(_ event: WatchEvent) {
        history.append(event)
        if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
        for (_, watcher) in watchers {
            if let shown = event.shown(to: watcher.scope) { watcher.continuation.yield(shown) }
        }
    }

    // MARK: - Helpers

    private static func key(_ namespace: String?, _ name: String) -> String { "\(namespace ?? "")/\(name)" }

    /// Everything but metadata and status: what `generation` counts changes of.
    private static func spec(of object: JSONValue) -> JSONValue {
        var spec = object
        spec["metadata"] = .null
        spec["status"] = .null
        return spec
    }

    private static func isValidName(_ name: String) -> Bool {
        name.count <= 253 && name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.first, let last = part.last else { return false }
            let allowed = { (c: Character) in c.isASCII && (c.isLowercase || c.isNumber) }
            return allowed(first) && allowed(last) && part.allSatisfy { allowed($0) || $0 == "-" }
        }
    }
}

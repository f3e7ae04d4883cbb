import Foundation
import Hummingbird
import ServiceLifecycle

/// Serves the Kubernetes REST API over an ``ObjectStore``: discovery, CRUD, patch, watch,
/// the scale and status subresources and Table output, with `metav1.Status` errors.
struct APIResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let store: ObjectStore
    let faults: FaultBook
    let logs: LogSource
    let tokens: ServiceAccountTokens
    let audit: AuditTrail
    /// Whether requests come over TLS, where a request without credentials is anonymous.
    let secure: Bool

    private var authorizer: RBACAuthorizer { RBACAuthorizer(store: store) }

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 16 * 1024 * 1024)
        let api = APIRequest(request, body: body)
        do {
            let path = APIPath(request.uri.path)
            let user = try await authorize(request, path: path, api, certificate: secure ? await context.certificateIdentity() : nil)
            guard let path else { throw APIError.pathNotFound(request.uri.path) }
            return try await route(path, api, user: user)
        } catch let error as APIError {
            return Self.json(error.status, status: error.code)
        }
    }

    /// Who the request acts as, once RBAC has allowed what it asks (401 and 403 otherwise).
    private func authorize(_ request: Request, path: APIPath?, _ api: APIRequest, certificate: UserInfo?) async throws(APIError) -> UserInfo {
        func values(_ name: String) -> [String] { request.headers.filter { $0.name.canonicalName == name }.map(\.value) }
        let credentials = RequestCredentials(secure: secure, certificate: certificate, authorization: request.headers[.authorization],
                                             impersonateUser: values("impersonate-user").first,
                                             impersonateGroups: values("impersonate-group"))
        let authenticator = Authenticator(store: store, tokens: tokens, authorizer: authorizer)
        let user = try await authenticator.identify(credentials)
        guard !user.isUnrestricted else { return user }
        let attributes = RequestAttributes(method: request.method.rawValue, path: request.uri.path, parsed: path, query: api.query)
        let decision = await authorizer.authorize(user, attributes)
        await audit.record(AuditTrail.Decision(user: user.name, request: attributes, allowed: decision.allowed))
        guard decision.allowed else { throw APIError.forbidden(attributes, user: user) }
        return user
    }

    private func route(_ path: APIPath, _ request: APIRequest, user: UserInfo) async throws -> Response {
        switch path {
        case .faults(let component): return try await faultRequest(component, request)
        case .logLines(let component): return try await logLineRequest(component, request)
        case .version: return Self.json(Discovery.version())
        case .openAPI(let group, let version):
            guard let group, let version else { return Self.json(OpenAPI.index()) }
            guard let document = OpenAPI.document(group: group, version: version) else { throw APIError.pathNotFound("/openapi/v3/\(group.isEmpty ? "api" : "apis/\(group)")/\(version)") }
            return Self.json(document)
        case .health: return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok")))
        case .coreVersions: return Self.json(Discovery.coreVersions(serverAddress: request.host))
        case .groups: return Self.json(Discovery.groups())
        case .group(let name):
            guard let group = Discovery.group(name) else { throw APIError.pathNotFound("/apis/\(name)") }
            return Self.json(group)
        case .resourceList(let group, let version):
            guard let list = Discovery.resources(group: group, version: version) else { throw APIError.pathNotFound("/apis/\(group)/\(version)") }
            return Self.json(list)
        case .resource(let resource, let namespace, let name, _) where resource.group == "metrics.k8s.io":
            return try await metrics(resource, namespace, name, request)
        case .resource(let resource, let namespace, let name, let subresource):
            guard let name else { return try await collection(resource, namespace, request, user: user) }
            switch subresource {
            case "scale": return try await scale(resource, namespace, name, request)
            case "token":
                guard request.method == .post else { throw APIError.methodNotAllowed(request.method.rawValue, "serviceaccounts/token") }
                return Self.json(try await TokenRequest.answer(try request.object(), namespace: namespace ?? "default", account: name,
                                                               store: store, tokens: tokens), status: 201)
            case "log": return try await logs.response(namespace: namespace ?? "default", pod: name, request: request, store: store)
            case "eviction":
                guard request.method == .post else { throw APIError.methodNotAllowed(request.method.rawValue, "pods/eviction") }
                try await store.delete(resource, namespace: namespace, name: name)
                return Self.json(["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success"], status: 201)
            default: return try await object(resource, namespace, name, subresource, request)
            }
        }
    }

    // MARK: Collections

    private func collection(_ resource: ResourceType, _ namespace: String?, _ request: APIRequest, user: UserInfo) async throws -> Response {
        let scope = Scope(resource: resource, namespace: namespace, labels: try request.labelSelector(), fields: try request.fieldSelector())
        switch request.method {
        case .get:
            if request.isWatch { return try await watch(scope, request) }
            let limit = try request.integer("limit").map(Int.init)
            let page = try await store.list(scope, limit: limit, continue: request.query["continue"])
            if request.wantsTable {
                return Self.json(TableView.table(resource, page.items, revision: page.revision, includeObject: request.query["includeObject"]))
            }
            var metadata: JSONValue = ["resourceVersion": .string(String(page.revision))]
            if let next = page.continue { metadata["continue"] = .string(next) }
            if let remaining = page.remaining { metadata["remainingItemCount"] = .int(Int64(remaining)) }
            return Self.json(["kind": .string(resource.listKind), "apiVersion": .string(resource.groupVersion),
                              "metadata": metadata, "items": .array(page.items)])
        case .post:
            guard resource.verbs.contains("create") else { throw APIError.methodNotAllowed("create", resource.plural) }
            let object = try request.object()
            if AccessReview.kinds.contains(resource.kind) {
                return Self.json(try await AccessReview.answer(object, kind: resource.kind, requester: user, authorizer: authorizer), status: 201)
            }
            if request.query["dryRun"] == "All" { return Self.json(object, status: 201) }
            return Self.json(try await store.create(resource, namespace: namespace, object), status: 201)
        case .delete:
            let page = try await store.list(scope)
            for item in page.items {
                _ = try? await store.delete(resource, namespace: item[path: "metadata.namespace"].string, name: item[path: "metadata.name"].string ?? "")
            }
            return Self.json(["kind": .string(resource.listKind), "apiVersion": .string(resource.groupVersion),
                              "metadata": [:], "items": .array(page.items)])
        default:
            throw APIError.methodNotAllowed(request.method.rawValue, resource.plural)
        }
    }

    // MARK: Single objects

    private func object(_ resource: ResourceType, _ namespace: String?, _ name: String, _ subresource: String?,
                        _ request: APIRequest) async throws -> Response {
        switch request.method {
        case .get:
            let object = try await store.get(resource, namespace: namespace, name: name)
            if request.wantsTable {
                return Self.json(TableView.table(resource, [object], revision: await store.resourceVersion, includeObject: request.query["includeObject"]))
            }
            return Self.json(object)
        case .put:
            return Self.json(try await store.update(resource, namespace: namespace, name: name, try request.object(), subresource: subresource))
        case .patch:
            return Self.json(try await patch(resource, namespace, name, subresource, request))
        case .delete:
            let preconditions = try DeletePreconditions(options: request.body.isEmpty ? nil : try request.object())
            return Self.json(try await store.delete(resource, namespace: namespace, name: name, preconditions: preconditions))
        default:
            throw APIError.methodNotAllowed(request.method.rawValue, "\(resource.plural)/\(name)")
        }
    }

    private func patch(_ resource: ResourceType, _ namespace: String?, _ name: String, _ subresource: String?,
                       _ request: APIRequest) async throws(APIError) -> JSONValue {
        guard let kind = Patch.Kind(contentType: request.contentType) else { throw APIError.unsupportedMediaType(request.contentType) }
        let body = try request.object()
        // As the API server does: a patch that names no resourceVersion is applied again to a
        // fresh read when another write came between; one that names it fails with 409.
        let preconditioned = Self.namesResourceVersion(kind, body)
        var attempt = 1
        while true {
            let current: JSONValue
            do {
                current = try await store.get(resource, namespace: namespace, name: name)
            } catch where error.code == 404 && kind == .apply {
                return try await store.create(resource, namespace: namespace, body)
            }
            let patched = try Self.apply(kind, body, to: current)
            do {
                return try await store.update(resource, namespace: namespace, name: name, patched, subresource: subresource)
            } catch where error.code == 409 && !preconditioned && attempt < 5 {
                attempt += 1
            }
        }
    }

    /// Whether the patch sets `metadata.resourceVersion`, which makes it a precondition.
    static func namesResourceVersion(_ kind: Patch.Kind, _ body: JSONValue) -> Bool {
        if kind == .json {
            return (body.array ?? []).contains { $0["path"].string == "/metadata/resourceVersion" }
        }
        return !(body[path: "metadata.resourceVersion"].string ?? "").isEmpty
    }

    static func apply(_ kind: Patch.Kind, _ body: JSONValue, to current: JSONValue) throws(APIError) -> JSONValue {
        switch kind {
        case .json: try Patch.json(current, body)
        case .merge: Patch.merge(current, body)
        case .strategic, .apply: Patch.strategic(current, body)
        }
    }

    // MARK: Metrics

    private func metrics(_ resource: ResourceType, _ namespace: String?, _ name: String?, _ request: APIRequest) async throws -> Response {
        guard request.method == .get, !request.isWatch else { throw APIError.methodNotAllowed(request.method.rawValue, resource.plural) }
        let api = MetricsAPI(store: store, faults: faults)
        if let name { return Self.json(try await api.get(resource, namespace: namespace, name: name)) }
        let scope = Scope(resource: resource, namespace: namespace, labels: try request.labelSelector(), fields: try request.fieldSelector())
        return Self.json(["kind": .string(resource.listKind), "apiVersion": .string(resource.groupVersion),
                          "metadata": [:], "items": .array(await api.list(scope))])
    }

    // MARK: Faults

    /// GET lists the faults; PUT or POST `{"component": "backend", "fault": "crashloop"}` injects one;
    /// DELETE `/kai-sandbox/v1/faults/backend` ends one.
    private func faultRequest(_ component: String?, _ request: APIRequest) async throws -> Response {
        let injector = FaultInjector(store: store, faults: faults)
        switch request.method {
        case .get:
            return Self.json(["faults": .object(await faults.all.mapValues { .string($0.rawValue) })])
        case .put, .post:
            let body = try request.object()
            guard let target = body["component"].string ?? component, let name = body["fault"].string, let fault = Fault(rawValue: name) else {
                throw APIError.badRequest("send {\"component\": NAME, \"fault\": FAULT} with FAULT one of \(Fault.names)")
            }
            try await injector.inject(fault, into: target, running: true)
            return Self.json(["component": .string(target), "fault": .string(fault.rawValue)])
        case .delete:
            guard let component else { throw APIError.badRequest("name the component: DELETE /kai-sandbox/v1/faults/COMPONENT") }
            await injector.clear(component)
            return Self.json(["component": .string(component), "fault": nil])
        default:
            throw APIError.methodNotAllowed(request.method.rawValue, "faults")
        }
    }

    // MARK: Scale subresource

    private func scale(_ resource: ResourceType, _ namespace: String?, _ name: String, _ request: APIRequest) async throws -> Response {
        let object = try await store.get(resource, namespace: namespace, name: name)
        let current = ScaleView.scale(of: object)
        var wanted: JSONValue
        switch request.method {
        case .get: return Self.json(current)
        case .put: wanted = try request.object()
        case .patch:
            guard let kind = Patch.Kind(contentType: request.contentType) else { throw APIError.unsupportedMediaType(request.contentType) }
            wanted = try Self.apply(kind, try request.object(), to: current)
        default: throw APIError.methodNotAllowed(request.method.rawValue, "\(resource.plural)/scale")
        }
        guard let replicas = wanted[path: "spec.replicas"].int, replicas >= 0 else {
            throw APIError.invalid(resource, name, "spec.replicas: Invalid value: must be greater than or equal to 0")
        }
        var updated = object
        updated[path: "spec.replicas"] = .int(Int64(replicas))
        updated[path: "metadata.resourceVersion"] = wanted[path: "metadata.resourceVersion"]
        let stored = try await store.update(resource, namespace: namespace, name: name, updated)
        return Self.json(ScaleView.scale(of: stored))
    }

    // MARK: Watch

    private func watch(_ scope: Scope, _ request: APIRequest) async throws -> Response {
        let options = try WatchOptions(request)
        let watch: (initial: [JSONValue], revision: Int64, events: AsyncStream<WatchEvent>)
        do {
            watch = try await store.watch(scope, since: options.since)
        } catch {
            guard error.code == 410 else { throw error }
            return Self.expiredWatch(error)
        }
        let timeout = options.timeoutSeconds
        let table = request.wantsTable
        let includeObject = request.query["includeObject"]
        let resource = scope.resource
        let encode = { @Sendable (type: String, object: JSONValue, revision: Int64) -> ByteBuffer in
            let shown = table && type != "BOOKMARK" ? TableView.table(resource, [object], revision: revision, includeObject: includeObject) : object
            var data = (["type": .string(type), "object": shown] as JSONValue).data()
            data.append(0x0A)
            return ByteBuffer(data: data)
        }
        let events = watch.events
        let body = ResponseBody { writer in
            for object in watch.initial {
                try await writer.write(encode("ADDED", object, Int64(object[path: "metadata.resourceVersion"].string ?? "") ?? 0))
            }
            if options.sendInitialEvents && options.allowBookmarks {
                try await writer.write(encode("BOOKMARK", WatchOptions.bookmark(resource, revision: watch.revision, initialEventsEnd: true), watch.revision))
            }
            // Events until the watch's timeout, as one stream the writer can consume on this task.
            let (bounded, continuation) = AsyncStream<WatchEvent>.makeStream()
            let forward = Task {
                for await event in events { continuation.yield(event) }
                continuation.finish()
            }
            let timer = Task {
                try? await Task.sleep(for: .seconds(timeout))
                continuation.finish()
            }
            defer {
                forward.cancel()
                timer.cancel()
            }
            // A server shutting down ends open watches, as a real API server does, so clients re-list elsewhere.
            try await withGracefulShutdownHandler {
                for await event in bounded { try await writer.write(encode(event.type, event.object, event.revision)) }
            } onGracefulShutdown: {
                continuation.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// A watch from a version too old to resume, answered as the API server's watch cache answers
    /// it: 200, then one ERROR event carrying the 410 Status, and the end of the stream.
    private static func expiredWatch(_ error: APIError) -> Response {
        var line = (["type": "ERROR", "object": error.status] as JSONValue).data()
        line.append(0x0A)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: line)))
    }

    // MARK: Encoding

    static func json(_ value: JSONValue, status: Int = 200) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(data: value.data())))
    }
}

/// The `autoscaling/v1` Scale view of a deployment, replica set or stateful set.
enum ScaleView {
    static func scale(of object: JSONValue) -> JSONValue {
        var metadata: JSONValue = [:]
        for field in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            metadata[field] = object[path: "metadata.\(field)"]
        }
        return ["kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": metadata,
                "spec": ["replicas": .int(Int64(object[path: "spec.replicas"].int ?? 1))],
                "status": ["replicas": .int(Int64(object[path: "status.replicas"].int ?? 0)),
                           "selector": .string(LabelText.selector(object[path: "spec.selector.matchLabels"].stringMap))]]
    }
}

/// The OpenAPI v3 documents a real API server publishes under `/openapi/v3`, built from
/// ``ResourceCatalog``: one per group version, with every path and operation tagged with
/// `x-kubernetes-group-version-kind` and `x-kubernetes-action`.
///
/// Clients read them to learn which query parameters an endpoint takes: kubectl and Helm
/// check that PATCH accepts `fieldValidation` before they leave validation to the server.
/// The documents carry no object schemas, so clients fall back to the types compiled into
/// them for strategic merge patches, as they do for a server that does not publish one.
enum OpenAPI {
    /// `/openapi/v3`: where each group version's document is.
    static func index() -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for groupVersion in groupVersions {
            let path = groupVersion.group.isEmpty ? "api/\(groupVersion.version)" : "apis/\(groupVersion.group)/\(groupVersion.version)"
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    /// `/openapi/v3/api/v1`, `/openapi/v3/apis/apps/v1`: nil for a group version not served.
    static func document(group: String, version: String) -> JSONValue? {
        let resources = ResourceCatalog.all.filter { $0.group == group && $0.version == version }
        guard !resources.isEmpty else { return nil }
        var paths: [String: JSONValue] = [:]
        for resource in resources {
            for (path, item) in self.paths(for: resource) { paths[path] = item }
        }
        return ["openapi": "3.0.0",
                "info": ["title": "Kubernetes", "version": .string(Discovery.version()["gitVersion"].string ?? "v1.32.0")],
                "paths": .object(paths),
                "components": ["schemas": [:]]]
    }

    /// Changes when the served resources change, so clients' caches stay right.
    private static let hash: String = {
        var value: UInt64 = 14_695_981_039_346_656_037
        for resource in ResourceCatalog.all {
            for byte in "\(resource.groupVersion)/\(resource.plural)/\(resource.verbs)/\(resource.subresources)".utf8 {
                value = (value ^ UInt64(byte)) &* 1_099_511_628_211
            }
        }
        return String(value, radix: 16, uppercase: true)
    }()

    private static var groupVersions: [(group: String, version: String)] {
        var seen: [(group: String, version: String)] = []
        for resource in ResourceCatalog.all where !seen.contains(where: { $0 == (resource.group, resource.version) }) {
            seen.append((resource.group, resource.version))
        }
        return seen
    }

    private static func paths(for resource: ResourceType) -> [(String, JSONValue)] {
        let root = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.groupVersion)"
        let scope = resource.namespaced ? "\(root)/namespaces/{namespace}/\(resource.plural)" : "\(root)/\(resource.plural)"
        let verbs = Set(resource.verbs)
        var collection: [String: JSONValue] = [:]
        if verbs.contains("list") { collection["get"] = operation(resource, action: "list") }
        if verbs.contains("create") { collection["post"] = operation(resource, action: "post", writes: true) }
        if verbs.contains("deletecollection") { collection["delete"] = operation(resource, action: "deletecollection") }
        var item: [String: JSONValue] = [:]
        if verbs.contains("get") { item["get"] = operation(resource, action: "get") }
        if verbs.contains("update") { item["put"] = operation(resource, action: "put", writes: true) }
        if verbs.contains("patch") { item["patch"] = operation(resource, action: "patch", writes: true) }
        if verbs.contains("delete") { item["delete"] = operation(resource, action: "delete") }
        var result: [(String, JSONValue)] = []
        if !collection.isEmpty { result.append((scope, .object(collection))) }
        if !item.isEmpty { result.append(("\(scope)/{name}", .object(item))) }
        if resource.subresources.contains("token") {
            result.append(("\(scope)/{name}/token", ["post": operation(resource, action: "post", writes: true)]))
        }
        for subresource in resource.subresources where !["log", "eviction", "token"].contains(subresource) {
            result.append(("\(scope)/{name}/\(subresource)", [
                "get": operation(resource, action: "get"),
                "put": operation(resource, action: "put", writes: true),
                "patch": operation(resource, action: "patch", writes: true),
            ]))
        }
        return result
    }

    private static func operation(_ resource: ResourceType, action: String, writes: Bool = false) -> JSONValue {
        var parameters: [JSONValue] = [parameter("pretty")]
        if writes {
            parameters += [parameter("dryRun"), parameter("fieldManager"), parameter("fieldValidation")]
            if action == "patch" { parameters.append(parameter("force", type: "boolean")) }
        }
        if action == "list" {
            parameters += ["labelSelector", "fieldSelector", "continue", "resourceVersion"].map { parameter($0) }
            parameters += [parameter("limit", type: "integer"), parameter("timeoutSeconds", type: "integer"), parameter("watch", type: "boolean")]
        }
        return ["operationId": .string("\(action)\(resource.kind)"),
                "parameters": .array(parameters),
                "responses": ["200": ["description": "OK"]],
                "x-kubernetes-action": .string(action),
                "x-kubernetes-group-version-kind": ["group": .string(resource.group), "version": .string(resource.version),
                                                    "kind": .string(resource.kind)]]
    }

    private static func parameter(_ name: String, type: String = "string") -> JSONValue {
        ["name": .string(name), "in": "query", "schema": ["type": .string(type), "uniqueItems": true]]
    }
}

/// What a request asks to do, in the terms RBAC decides on, derived from the method and path as
/// the API server's request-info resolver derives them: verb, API group, resource, subresource,
/// name and namespace for resource requests; verb and path for the rest (`/version`, `/apis`).
public struct RequestAttributes: Sendable, Hashable {
    /// get, list, watch, create, update, patch, delete, deletecollection, impersonate; for a
    /// non-resource request the lower-cased HTTP method.
    public var verb: String
    public var isResourceRequest: Bool
    /// The request path, for non-resource requests.
    public var path: String
    public var apiGroup: String
    public var resource: String
    public var subresource: String
    public var name: String
    /// "" for cluster-scoped requests.
    public var namespace: String

    /// A resource request: `verb` on `resource` (and `subresource`) in `group`.
    public init(verb: String, group: String, resource: String, subresource: String = "", name: String = "", namespace: String = "") {
        self.verb = verb
        self.isResourceRequest = true
        self.path = ""
        self.apiGroup = group
        self.resource = resource
        self.subresource = subresource
        self.name = name
        self.namespace = namespace
    }

    /// A request for a path that is not a resource: `/version`, `/apis`, `/healthz`.
    public init(verb: String, path: String) {
        self.verb = verb
        self.isResourceRequest = false
        self.path = path
        self.apiGroup = ""
        self.resource = ""
        self.subresource = ""
        self.name = ""
        self.namespace = ""
    }

    /// The attributes of a request with `method` on `path` (nil when no resource is served there).
    init(method: String, path rawPath: String, parsed: APIPath?, query: [String: String]) {
        guard case .resource(let resource, let namespace, let name, let subresource) = parsed else {
            self.init(verb: method.lowercased(), path: rawPath)
            return
        }
        var verb: String
        switch method {
        case "GET", "HEAD":
            verb = name == nil ? (["true", "1"].contains(query["watch"] ?? "") ? "watch" : "list") : "get"
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = name == nil ? "deletecollection" : "delete"
        default: verb = method.lowercased()
        }
        var objectName = name ?? ""
        // A list or watch of one object by field selector names it, as the API server resolves it.
        if objectName.isEmpty, verb == "list" || verb == "watch", let selector = query["fieldSelector"] {
            for requirement in selector.split(separator: ",") {
                let parts = requirement.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                // "metadata.name=x" or "metadata.name==x"; "!=" names no object.
                if parts.count == 2, parts[0] == "metadata.name" { objectName = String(parts[1].drop { $0 == "=" }) }
            }
        }
        // A namespace is in its own namespace, so a RoleBinding there can grant access to it.
        let scope = resource.kind == "Namespace" ? objectName : (namespace ?? "")
        self.init(verb: verb, group: resource.group, resource: resource.plural, subresource: subresource ?? "",
                  name: objectName, namespace: scope)
        self.path = rawPath
    }

    /// "pods/log", or "pods" without a subresource: how RBAC rules and messages name it.
    var combinedResource: String { subresource.isEmpty ? resource : "\(resource)/\(subresource)" }
}

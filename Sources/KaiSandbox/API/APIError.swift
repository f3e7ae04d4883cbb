/// A Kubernetes API error, sent to clients as a `metav1.Status` with the matching HTTP code.
public struct APIError: Error, Sendable, Equatable {
    public let code: Int
    /// The machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, BadRequest, MethodNotAllowed …
    public let reason: String
    public let message: String
    public let details: JSONValue

    init(code: Int, reason: String, message: String, details: JSONValue = .null) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    /// The `metav1.Status` body.
    public var status: JSONValue {
        var status: JSONValue = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                                 "message": .string(message), "reason": .string(reason), "code": .int(Int64(code))]
        if !details.isNull { status["details"] = details }
        return status
    }

    private static func details(_ resource: ResourceType, _ name: String) -> JSONValue {
        ["name": .string(name), "group": .string(resource.group), "kind": .string(resource.plural)]
    }

    /// `pods "x" not found`, as the API server words it.
    static func notFound(_ resource: ResourceType, _ name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(qualified(resource)) \"\(name)\" not found", details: details(resource, name))
    }

    static func namespaceNotFound(_ namespace: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "namespaces \"\(namespace)\" not found",
                 details: ["name": .string(namespace), "kind": "namespaces"])
    }

    static func alreadyExists(_ resource: ResourceType, _ name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(qualified(resource)) \"\(name)\" already exists", details: details(resource, name))
    }

    static func conflict(_ resource: ResourceType, _ name: String) -> APIError {
        APIError(code: 409, reason: "Conflict",
                 message: "Operation cannot be fulfilled on \(qualified(resource)) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
                 details: details(resource, name))
    }

    /// A delete whose `preconditions` do not match the stored object, worded as the API server does.
    static func preconditionFailed(_ resource: ResourceType, _ name: String, field: String, expected: String, actual: String) -> APIError {
        APIError(code: 409, reason: "Conflict",
                 message: "Operation cannot be fulfilled on \(qualified(resource)) \"\(name)\": Precondition failed: \(field) in precondition: \(expected), \(field) in object meta: \(actual)",
                 details: details(resource, name))
    }

    static func invalid(_ resource: ResourceType, _ name: String, _ why: String) -> APIError {
        APIError(code: 422, reason: "Invalid", message: "\(resource.kind) \"\(name)\" is invalid: \(why)", details: details(resource, name))
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    static func methodNotAllowed(_ verb: String, _ what: String) -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: "\(verb) is not supported on \(what)")
    }

    static func unsupportedMediaType(_ type: String) -> APIError {
        APIError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got \(type))")
    }

    static func pathNotFound(_ path: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource (\(path))")
    }

    /// "deployments.apps", or "pods" for the core group.
    static func qualified(_ resource: ResourceType) -> String {
        resource.group.isEmpty ? resource.plural : "\(resource.plural).\(resource.group)"
    }
}

extension APIError {
    /// 401, as the API server answers credentials it does not accept.
    static let unauthorized = APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    /// 403 for a request RBAC does not allow, worded as the API server words it:
    /// `pods "x" is forbidden: User "system:serviceaccount:todo-chatbot:kai" cannot delete
    /// resource "pods" in API group "" in the namespace "todo-chatbot"`.
    static func forbidden(_ request: RequestAttributes, user: UserInfo) -> APIError {
        guard request.isResourceRequest else {
            return APIError(code: 403, reason: "Forbidden",
                            message: "forbidden: User \"\(user.name)\" cannot \(request.verb) path \"\(request.path)\"",
                            details: [:])
        }
        let scope = request.namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(request.namespace)\""
        let why = "User \"\(user.name)\" cannot \(request.verb) resource \"\(request.combinedResource)\" in API group \"\(request.apiGroup)\" \(scope)"
        let qualified = request.apiGroup.isEmpty ? request.resource : "\(request.resource).\(request.apiGroup)"
        let subject = request.name.isEmpty ? qualified : "\(qualified) \"\(request.name)\""
        var details: JSONValue = ["group": .string(request.apiGroup), "kind": .string(request.resource)]
        if !request.name.isEmpty { details["name"] = .string(request.name) }
        return APIError(code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)", details: details)
    }
}

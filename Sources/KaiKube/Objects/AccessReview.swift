/// One thing a Role can grant: a verb on a resource (and subresource) of an API group, as RBAC names it.
///
/// ```swift
/// APIPermission("update", .deployments, subresource: "scale").description  // "update deployments/scale (apps)"
/// ```
public struct APIPermission: Sendable, Hashable, CustomStringConvertible {
    public let verb: String
    public let group: String
    /// The plural resource name: "pods".
    public let resource: String
    public let subresource: String?

    /// `verb` on `resource` (or its `subresource`).
    public init(_ verb: String, _ resource: APIResource, subresource: String? = nil) {
        self.verb = verb
        self.group = resource.group
        self.resource = resource.plural
        self.subresource = subresource
    }

    /// "deployments/scale", as a Role's `resources:` lists it.
    public var rbacResource: String { subresource.map { "\(resource)/\($0)" } ?? resource }

    public var description: String { "\(verb) \(rbacResource) (\(group.isEmpty ? "core" : group))" }
}

/// A SelfSubjectAccessReview: "may I do this here?", answered by the API server's authorizer.
struct SelfSubjectAccessReview: Codable, Sendable {
    var apiVersion = "authorization.k8s.io/v1"
    var kind = "SelfSubjectAccessReview"
    var spec: Spec
    var status: Status?

    struct Spec: Codable, Sendable {
        var resourceAttributes: ResourceAttributes
    }

    struct ResourceAttributes: Codable, Sendable {
        var namespace: String?
        var verb: String
        var group: String
        var resource: String
        var subresource: String?
    }

    struct Status: Codable, Sendable {
        var allowed: Bool
        var denied: Bool?
        var reason: String?
        var evaluationError: String?
    }
}

/// The authorizer's answer to one ``APIPermission``.
public struct AccessDecision: Sendable, Hashable {
    public let permission: APIPermission
    public let allowed: Bool
    /// Why, when the authorizer says (its RBAC explanation, or an evaluation error).
    public let reason: String?
}

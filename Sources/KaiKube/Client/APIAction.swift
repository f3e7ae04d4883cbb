/// What a call does, in words, so that an error can say which call failed:
/// "patch deployment todo-chatbot-backend in namespace todo-chatbot".
public struct APIAction: Sendable, Hashable, CustomStringConvertible {
    /// The Kubernetes verb: get, list, watch, create, update, patch, delete.
    public let verb: String
    public let resource: APIResource
    public let namespace: String?
    public let name: String?
    public let subresource: String?

    /// The call `verb` on `resource` (one object when `name` is set).
    public init(_ verb: String, _ resource: APIResource, namespace: String?, name: String? = nil, subresource: String? = nil) {
        self.verb = verb
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.subresource = subresource
    }

    /// The object in words: "deployment todo-chatbot-backend", or "deployments" for a collection.
    public var object: String {
        let sub = subresource.map { "the \($0) of " } ?? ""
        return name.map { "\(sub)\(resource.singular) \($0)" } ?? resource.plural
    }

    /// "in namespace todo-chatbot", or "cluster-wide".
    public var scope: String { namespace.map { "in namespace \($0)" } ?? "cluster-wide" }

    /// The RBAC resource a Role must name: "deployments/scale", "pods/log".
    public var rbacResource: String { subresource.map { "\(resource.plural)/\($0)" } ?? resource.plural }

    public var description: String { "\(verb) \(object) \(scope)" }
}

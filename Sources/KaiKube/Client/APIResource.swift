import Foundation

/// A kind of object the client reads or changes, with where it lives in the REST API.
///
/// ```swift
/// APIResource.deployments.path(namespace: "todo-chatbot", name: "todo-chatbot-backend", subresource: "scale")
/// // "/apis/apps/v1/namespaces/todo-chatbot/deployments/todo-chatbot-backend/scale"
/// ```
public struct APIResource: Sendable, Hashable {
    /// The API group; empty for the core group.
    public let group: String
    public let version: String
    /// The plural resource name in URLs: "deployments".
    public let plural: String
    /// The singular word for messages: "deployment".
    public let singular: String

    public static let pods = APIResource(group: "", version: "v1", plural: "pods", singular: "pod")
    public static let services = APIResource(group: "", version: "v1", plural: "services", singular: "service")
    public static let events = APIResource(group: "", version: "v1", plural: "events", singular: "event")
    public static let configMaps = APIResource(group: "", version: "v1", plural: "configmaps", singular: "config map")
    public static let deployments = APIResource(group: "apps", version: "v1", plural: "deployments", singular: "deployment")
    public static let replicaSets = APIResource(group: "apps", version: "v1", plural: "replicasets", singular: "replica set")
    public static let statefulSets = APIResource(group: "apps", version: "v1", plural: "statefulsets", singular: "stateful set")
    public static let autoscalers = APIResource(group: "autoscaling", version: "v2", plural: "horizontalpodautoscalers",
                                                singular: "horizontal pod autoscaler")
    public static let podMetrics = APIResource(group: "metrics.k8s.io", version: "v1beta1", plural: "pods", singular: "pod metrics")

    /// `group/version`, or just the version for the core group: the `apiVersion` of its objects.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The URL path of the collection in `namespace`, or of one object when `name` is given.
    public func path(namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if let namespace { path += "/namespaces/\(Self.escape(namespace))" }
        path += "/\(plural)"
        if let name { path += "/\(Self.escape(name))" }
        if let subresource { path += "/\(subresource)" }
        return path
    }

    /// Object names are DNS labels, but a name typed by a person may hold anything: never let it change the path.
    private static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? segment
    }
}

extension CharacterSet {
    /// Characters a single path segment keeps as they are: no "/".
    static let urlPathSegmentAllowed: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return allowed
    }()
}

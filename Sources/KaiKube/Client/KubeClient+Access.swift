import Foundation

extension APIResource {
    public static let namespaces = APIResource(group: "", version: "v1", plural: "namespaces", singular: "namespace")
    static let selfSubjectAccessReviews = APIResource(group: "authorization.k8s.io", version: "v1", plural: "selfsubjectaccessreviews",
                                                      singular: "self subject access review")
    static let version = APIResource(group: "", version: "", plural: "version", singular: "server version")
}

extension KubeClient {
    /// The server's `/version`: its `gitVersion`, e.g. "v1.32.0".
    public func serverVersion() async throws -> String {
        struct Version: Decodable { let gitVersion: String? }
        let action = APIAction("get", .version, namespace: nil)
        let body = try await send(APICall(.GET, "/version", action: action))
        return try decode(Version.self, from: body, action: action).gitVersion ?? "unknown"
    }

    /// Asks the API server whether kai's identity may do `permission` in `namespace` (a SelfSubjectAccessReview).
    public func mayI(_ permission: APIPermission, in namespace: String) async throws -> AccessDecision {
        let review = SelfSubjectAccessReview(spec: .init(resourceAttributes: .init(
            namespace: namespace, verb: permission.verb, group: permission.group, resource: permission.resource,
            subresource: permission.subresource)))
        let action = APIAction("create", .selfSubjectAccessReviews, namespace: nil)
        let body = try await send(APICall(.POST, APIResource.selfSubjectAccessReviews.path(namespace: nil), body: try encode(review),
                                          contentType: "application/json", action: action))
        let status = try decode(SelfSubjectAccessReview.self, from: body, action: action).status
        let reason = [status?.reason, status?.evaluationError].compactMap { $0 }.filter { !$0.isEmpty }.first
        return AccessDecision(permission: permission, allowed: status?.allowed ?? false, reason: reason.map { ClusterText.clip($0) })
    }
}

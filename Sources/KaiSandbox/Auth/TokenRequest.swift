import Foundation

/// The TokenRequest subresource, `POST /api/v1/namespaces/NS/serviceaccounts/NAME/token`
/// (`kubectl create token NAME`): a token for an existing service account, for the audiences
/// asked (by default the API server's own) and as long as asked (one hour by default, at
/// least ten minutes).
enum TokenRequest {
    static let defaultSeconds: Int64 = 3600
    static let minimumSeconds: Int64 = 600
    static let maximumSeconds: Int64 = 1 << 32

    static func answer(_ request: JSONValue, namespace: String, account name: String, store: ObjectStore,
                       tokens: ServiceAccountTokens) async throws(APIError) -> JSONValue {
        let account = try await store.get(ResourceCatalog.serviceAccount, namespace: namespace, name: name)
        let seconds = Int64(request[path: "spec.expirationSeconds"].int ?? Int(defaultSeconds))
        guard seconds >= minimumSeconds else {
            throw invalid(name, "spec.expirationSeconds: Invalid value: \(seconds): may not specify a duration less than 10 minutes")
        }
        guard seconds <= maximumSeconds else {
            throw invalid(name, "spec.expirationSeconds: Invalid value: \(seconds): may not specify a duration larger than 2^32 seconds")
        }
        var audiences = (request[path: "spec.audiences"].array ?? []).compactMap(\.string)
        if audiences.isEmpty { audiences = [ServiceAccountTokens.issuer] }
        let issued = tokens.issue(namespace: namespace, name: name, uid: account[path: "metadata.uid"].string ?? "",
                                  audiences: audiences, seconds: seconds)
        var spec = request["spec"].object.map(JSONValue.object) ?? [:]
        spec["audiences"] = .array(audiences.map(JSONValue.string))
        spec["expirationSeconds"] = .int(seconds)
        return ["kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
                "metadata": ["name": .string(name), "namespace": .string(namespace), "creationTimestamp": .string(Timestamp.format(Date()))],
                "spec": spec,
                "status": ["token": .string(issued.token), "expirationTimestamp": .string(Timestamp.format(issued.expires))]]
    }

    private static func invalid(_ name: String, _ why: String) -> APIError {
        APIError(code: 422, reason: "Invalid", message: "TokenRequest.authentication.k8s.io \"\(name)\" is invalid: \(why)",
                 details: ["name": .string(name), "group": "authentication.k8s.io", "kind": "TokenRequest"])
    }
}

import Foundation

/// The credentials a request carries, read from its headers.
struct RequestCredentials: Sendable {
    /// Whether the request came over TLS.
    var secure: Bool
    /// Who the verified client certificate names, if one was presented.
    var certificate: UserInfo?
    /// The `Authorization` header, as sent.
    var authorization: String?
    /// `Impersonate-User` and `Impersonate-Group`, as `kubectl --as` and `--as-group` send them.
    var impersonateUser: String?
    var impersonateGroups: [String] = []
}

/// Finds who a request acts as, as the API server's authenticators and its impersonation
/// filter do, in their order:
/// - a client certificate signed by the sandbox's CA (HTTPS): the user and groups it names,
///   `kai-sandbox-admin` in `system:masters` for the kubeconfig's;
/// - `Authorization: Bearer TOKEN` with a token this sandbox issued to a service account that
///   still exists: that service account (kubectl sends tokens over HTTPS only);
/// - any other `Authorization`: 401;
/// - none: `system:anonymous` over HTTPS, as a cluster with anonymous requests enabled treats
///   it; the administrator over plain HTTP, like the API server's old insecure port.
/// With `Impersonate-User`, the identity found must be allowed to `impersonate` the user (or
/// service account) and each group, and the request then acts as them.
struct Authenticator: Sendable {
    let store: ObjectStore
    let tokens: ServiceAccountTokens
    let authorizer: RBACAuthorizer

    func identify(_ credentials: RequestCredentials) async throws(APIError) -> UserInfo {
        let user = try await authenticate(credentials)
        guard let impersonated = credentials.impersonateUser else {
            guard credentials.impersonateGroups.isEmpty else {
                throw APIError.badRequest("requested impersonation of groups without impersonating a user")
            }
            return user
        }
        return try await impersonate(impersonated, groups: credentials.impersonateGroups, by: user)
    }

    private func authenticate(_ credentials: RequestCredentials) async throws(APIError) -> UserInfo {
        if let certificate = credentials.certificate { return certificate }
        guard let authorization = credentials.authorization else { return credentials.secure ? .anonymous : .admin }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard let claims = tokens.verify(token), claims.audiences.contains(ServiceAccountTokens.issuer),
              let account = try? await store.get(ResourceCatalog.serviceAccount, namespace: claims.namespace, name: claims.name),
              account[path: "metadata.uid"].string == claims.uid else { throw APIError.unauthorized }
        return .serviceAccount(namespace: claims.namespace, name: claims.name)
    }

    private func impersonate(_ name: String, groups: [String], by user: UserInfo) async throws(APIError) -> UserInfo {
        let target = UserInfo(name: name, groups: [])
        var checks: [RequestAttributes] = []
        if let account = target.serviceAccount {
            checks.append(RequestAttributes(verb: "impersonate", group: "", resource: "serviceaccounts", name: account.name, namespace: account.namespace))
        } else {
            checks.append(RequestAttributes(verb: "impersonate", group: "", resource: "users", name: name))
        }
        checks += groups.map { RequestAttributes(verb: "impersonate", group: "", resource: "groups", name: $0) }
        for check in checks where await !authorizer.authorize(user, check).allowed {
            throw APIError.forbidden(check, user: user)
        }
        if let account = target.serviceAccount, groups.isEmpty {
            return .serviceAccount(namespace: account.namespace, name: account.name)
        }
        return UserInfo(name: name, groups: groups.contains(UserInfo.authenticatedGroup) ? groups : groups + [UserInfo.authenticatedGroup])
    }
}

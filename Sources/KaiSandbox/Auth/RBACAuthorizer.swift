/// Decides requests by the RBAC objects in the store, as the API server's RBAC authorizer
/// does: a ClusterRoleBinding grants its ClusterRole's rules everywhere; a RoleBinding grants
/// its Role's (or ClusterRole's) rules in its own namespace only. Members of `system:masters`
/// are never restricted. Nothing is denied outright: a request no rule allows is forbidden.
struct RBACAuthorizer: Sendable {
    let store: ObjectStore

    /// Whether a request is allowed, and by which binding ("RBAC: allowed by RoleBinding …").
    struct Decision: Sendable, Equatable {
        let allowed: Bool
        let reason: String
    }

    func authorize(_ user: UserInfo, _ request: RequestAttributes) async -> Decision {
        if user.isUnrestricted { return Decision(allowed: true, reason: "") }
        let clusterRoles = await store.all(ResourceCatalog.clusterRole)
        func clusterRole(_ name: String) -> JSONValue? { clusterRoles.first { $0[path: "metadata.name"].string == name } }
        for binding in await store.all(ResourceCatalog.clusterRoleBinding) {
            guard binding[path: "roleRef.kind"].string == "ClusterRole",
                  let roleName = binding[path: "roleRef.name"].string, let role = clusterRole(roleName),
                  let subject = Self.subject(of: binding, namespace: "", matching: user),
                  PolicyRule.rules(of: role).contains(where: { $0.allows(request) }) else { continue }
            let name = binding[path: "metadata.name"].string ?? ""
            return Decision(allowed: true, reason: "RBAC: allowed by ClusterRoleBinding \"\(name)\" of ClusterRole \"\(roleName)\" to \(subject)")
        }
        guard !request.namespace.isEmpty else { return Decision(allowed: false, reason: "") }
        let roles = await store.all(ResourceCatalog.role, namespace: request.namespace)
        for binding in await store.all(ResourceCatalog.roleBinding, namespace: request.namespace) {
            guard let roleName = binding[path: "roleRef.name"].string,
                  let subject = Self.subject(of: binding, namespace: request.namespace, matching: user) else { continue }
            let kind = binding[path: "roleRef.kind"].string ?? ""
            let role = kind == "Role" ? roles.first { $0[path: "metadata.name"].string == roleName }
                : kind == "ClusterRole" ? clusterRole(roleName) : nil
            guard let role, PolicyRule.rules(of: role).contains(where: { $0.allows(request) }) else { continue }
            let name = binding[path: "metadata.name"].string ?? ""
            return Decision(allowed: true, reason: "RBAC: allowed by RoleBinding \"\(name)/\(request.namespace)\" of \(kind) \"\(roleName)\" to \(subject)")
        }
        return Decision(allowed: false, reason: "")
    }

    /// The first subject of `binding` that names `user`, in words (`ServiceAccount "kai/todo-chatbot"`);
    /// a service account subject without a namespace is in the binding's.
    private static func subject(of binding: JSONValue, namespace: String, matching user: UserInfo) -> String? {
        for subject in binding["subjects"].array ?? [] {
            let name = subject["name"].string ?? ""
            switch subject["kind"].string {
            case "User" where name == user.name:
                return "User \"\(name)\""
            case "Group" where user.groups.contains(name):
                return "Group \"\(name)\""
            case "ServiceAccount":
                let accountNamespace = subject["namespace"].string.flatMap { $0.isEmpty ? nil : $0 } ?? namespace
                if user.name == "\(UserInfo.serviceAccountPrefix)\(accountNamespace):\(name)" {
                    return "ServiceAccount \"\(name)/\(accountNamespace)\""
                }
            default:
                continue
            }
        }
        return nil
    }
}

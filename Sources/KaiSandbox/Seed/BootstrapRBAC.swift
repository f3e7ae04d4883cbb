/// The ClusterRoles and ClusterRoleBindings every cluster's API server creates at start, as
/// far as the sandbox's API needs them: `cluster-admin` for `system:masters`; discovery, the
/// public health and version paths, and asking "may I?" (`system:basic-user`) for every
/// authenticated identity, so a service account can run `kubectl auth can-i` and discovery
/// without being granted anything.
enum BootstrapRBAC {
    static func install(into store: ObjectStore) async throws {
        for (name, rules, subjects) in roles {
            try await store.create(ResourceCatalog.clusterRole, namespace: nil,
                                   ["metadata": metadata(name), "rules": .array(rules)])
            try await store.create(ResourceCatalog.clusterRoleBinding, namespace: nil, [
                "metadata": metadata(name),
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(name)],
                "subjects": .array(subjects.map { ["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": .string($0)] }),
            ])
        }
    }

    private static func metadata(_ name: String) -> JSONValue {
        ["name": .string(name), "labels": ["kubernetes.io/bootstrapping": "rbac-defaults"],
         "annotations": ["rbac.authorization.kubernetes.io/autoupdate": "true"]]
    }

    private static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    private static let roles: [(name: String, rules: [JSONValue], subjects: [String])] = [
        ("cluster-admin",
         [["apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]], ["nonResourceURLs": ["*"], "verbs": ["*"]]],
         [UserInfo.mastersGroup]),
        ("system:basic-user",
         [["apiGroups": ["authorization.k8s.io"], "resources": ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], "verbs": ["create"]],
          ["apiGroups": ["authentication.k8s.io"], "resources": ["selfsubjectreviews"], "verbs": ["create"]]],
         [UserInfo.authenticatedGroup]),
        ("system:discovery",
         [["nonResourceURLs": strings(["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*",
                                       "/readyz", "/version", "/version/"]), "verbs": ["get"]]],
         [UserInfo.authenticatedGroup]),
        ("system:public-info-viewer",
         [["nonResourceURLs": strings(["/healthz", "/livez", "/readyz", "/version", "/version/"]), "verbs": ["get"]]],
         [UserInfo.authenticatedGroup, "system:unauthenticated"]),
    ]
}

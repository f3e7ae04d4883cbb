/// One rule of a Role or ClusterRole, matched against a request as the API server's RBAC
/// authorizer matches it: `*` for any verb, group or resource, `*/scale` for a subresource of
/// any resource, `resourceNames` limiting it to named objects, `nonResourceURLs` (with a
/// trailing `*` as a prefix) for paths.
struct PolicyRule: Sendable, Hashable {
    let verbs: [String]
    let apiGroups: [String]
    let resources: [String]
    let resourceNames: [String]
    let nonResourceURLs: [String]

    init(_ rule: JSONValue) {
        func strings(_ key: String) -> [String] { (rule[key].array ?? []).compactMap(\.string) }
        verbs = strings("verbs")
        apiGroups = strings("apiGroups")
        resources = strings("resources")
        resourceNames = strings("resourceNames")
        nonResourceURLs = strings("nonResourceURLs")
    }

    /// The rules of a Role or ClusterRole object.
    static func rules(of role: JSONValue) -> [PolicyRule] {
        (role["rules"].array ?? []).map(PolicyRule.init)
    }

    func allows(_ request: RequestAttributes) -> Bool {
        guard verbs.contains("*") || verbs.contains(request.verb) else { return false }
        guard request.isResourceRequest else { return matchesPath(request.path) }
        return (apiGroups.contains("*") || apiGroups.contains(request.apiGroup))
            && matchesResource(request)
            && (resourceNames.isEmpty || (!request.name.isEmpty && resourceNames.contains(request.name)))
    }

    private func matchesResource(_ request: RequestAttributes) -> Bool {
        resources.contains { rule in
            rule == "*" || rule == request.combinedResource
                || (!request.subresource.isEmpty && rule == "*/\(request.subresource)")
        }
    }

    private func matchesPath(_ path: String) -> Bool {
        nonResourceURLs.contains { rule in
            rule == "*" || rule == path || (rule.hasSuffix("*") && path.hasPrefix(String(rule.dropLast())))
        }
    }
}

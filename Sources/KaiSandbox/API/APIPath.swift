/// What a request path addresses, by the Kubernetes REST conventions:
/// `/api/v1/namespaces/{ns}/pods/{name}/log`, `/apis/apps/v1/deployments`, `/apis`, `/version`.
enum APIPath: Equatable {
    case version
    case health
    case coreVersions
    case groups
    case group(String)
    case resourceList(group: String, version: String)
    case resource(ResourceType, namespace: String?, name: String?, subresource: String?)
    /// The sandbox's own endpoint for faults at run time: `/kai-sandbox/v1/faults[/{component}]`.
    case faults(component: String?)
    /// Lines appended to a component's logs at run time: `/kai-sandbox/v1/logs[/{component}]`.
    case logLines(component: String?)
    /// `/openapi/v3` (the index) or one group version's document, `/openapi/v3/apis/apps/v1`.
    case openAPI(group: String?, version: String?)

    /// Parses `path`; nil when nothing is served there.
    init?(_ path: String) {
        let parts = path.split(separator: "/").map(String.init)
        switch parts.first {
        case "version" where parts.count == 1: self = .version
        case "healthz", "readyz", "livez": self = .health
        case "kai-sandbox" where parts.count >= 3 && parts[1] == "v1" && parts[2] == "faults" && parts.count <= 4:
            self = .faults(component: parts.count == 4 ? parts[3] : nil)
        case "kai-sandbox" where parts.count >= 3 && parts[1] == "v1" && parts[2] == "logs" && parts.count <= 4:
            self = .logLines(component: parts.count == 4 ? parts[3] : nil)
        case "openapi" where parts.count >= 2 && parts[1] == "v3":
            switch (parts.count, parts.count > 2 ? parts[2] : "") {
            case (2, _): self = .openAPI(group: nil, version: nil)
            case (4, "api"): self = .openAPI(group: "", version: parts[3])
            case (5, "apis"): self = .openAPI(group: parts[3], version: parts[4])
            default: return nil
            }
        case "api":
            guard parts.count > 1 else { self = .coreVersions; return }
            guard parts[1] == "v1" else { return nil }
            self.init(group: "", version: "v1", rest: Array(parts.dropFirst(2)))
        case "apis":
            switch parts.count {
            case 1: self = .groups
            case 2: self = .group(parts[1])
            default: self.init(group: parts[1], version: parts[2], rest: Array(parts.dropFirst(3)))
            }
        default: return nil
        }
    }

    private init?(group: String, version: String, rest: [String]) {
        guard !rest.isEmpty else { self = .resourceList(group: group, version: version); return }
        var rest = rest
        var namespace: String?
        // /namespaces/{ns}/{resource}/… — but /namespaces/{name} and /namespaces/{name}/status address a namespace itself.
        if rest.first == "namespaces", rest.count >= 3, !["status", "finalize"].contains(rest[2]) {
            namespace = rest[1]
            rest.removeFirst(2)
        }
        guard let plural = rest.first, let resource = ResourceCatalog.find(group: group, version: version, plural: plural),
              rest.count <= 3 else { return nil }
        if namespace != nil, !resource.namespaced { return nil }
        let name = rest.count > 1 ? rest[1] : nil
        let subresource = rest.count > 2 ? rest[2] : nil
        if let subresource, !resource.subresources.contains(subresource) { return nil }
        self = .resource(resource, namespace: namespace, name: name, subresource: subresource)
    }
}

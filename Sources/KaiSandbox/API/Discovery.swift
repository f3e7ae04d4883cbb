/// The discovery documents a real API server publishes, built from ``ResourceCatalog``.
enum Discovery {
    static func version() -> JSONValue {
        ["major": "1", "minor": "32", "gitVersion": "v1.32.0+kai-sandbox", "gitCommit": "0000000000000000000000000000000000000000",
         "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23.4", "compiler": "gc",
         "platform": "linux/amd64"]
    }

    static func coreVersions(serverAddress: String) -> JSONValue {
        ["kind": "APIVersions", "versions": ["v1"],
         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]]]
    }

    static func groups() -> JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(ResourceCatalog.groups.map { group(name: $0.name, versions: $0.versions) })]
    }

    static func group(_ name: String) -> JSONValue? {
        guard let entry = ResourceCatalog.groups.first(where: { $0.name == name }) else { return nil }
        var document = group(name: entry.name, versions: entry.versions)
        document["kind"] = "APIGroup"
        document["apiVersion"] = "v1"
        return document
    }

    private static func group(name: String, versions: [String]) -> JSONValue {
        let list: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
        return ["name": .string(name), "versions": .array(list), "preferredVersion": list.first ?? .null]
    }

    /// The APIResourceList of one group version, subresources included as `pods/log`, `deployments/scale`.
    static func resources(group: String, version: String) -> JSONValue? {
        let resources = ResourceCatalog.all.filter { $0.group == group && $0.version == version }
        guard !resources.isEmpty else { return nil }
        var entries: [JSONValue] = []
        for resource in resources {
            var entry: JSONValue = ["name": .string(resource.plural), "singularName": .string(resource.singular),
                                    "namespaced": .bool(resource.namespaced), "kind": .string(resource.kind),
                                    "verbs": .array(resource.verbs.map(JSONValue.string))]
            if !resource.shortNames.isEmpty { entry["shortNames"] = .array(resource.shortNames.map(JSONValue.string)) }
            if !resource.categories.isEmpty { entry["categories"] = .array(resource.categories.map(JSONValue.string)) }
            entries.append(entry)
            for subresource in resource.subresources {
                entries.append(self.subresource(subresource, of: resource))
            }
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(entries)]
    }

    private static func subresource(_ name: String, of resource: ResourceType) -> JSONValue {
        var entry: JSONValue = ["name": .string("\(resource.plural)/\(name)"), "singularName": "",
                                "namespaced": .bool(resource.namespaced), "kind": .string(resource.kind)]
        switch name {
        case "scale":
            entry["group"] = "autoscaling"
            entry["version"] = "v1"
            entry["kind"] = "Scale"
            entry["verbs"] = ["get", "patch", "update"]
        case "log": entry["verbs"] = ["get"]
        case "token":
            entry["group"] = "authentication.k8s.io"
            entry["version"] = "v1"
            entry["kind"] = "TokenRequest"
            entry["verbs"] = ["create"]
        case "eviction":
            entry["group"] = "policy"
            entry["version"] = "v1"
            entry["kind"] = "Eviction"
            entry["verbs"] = ["create"]
        default: entry["verbs"] = ["get", "patch", "update"]
        }
        return entry
    }
}

import KaiCore

/// What the API server checks of a pod spec's resources before it stores an object: every
/// quantity parses, and no request is above its limit.
enum ContainerValidation {
    /// Refuses `object` (a pod, or a workload with a pod template) as the API server would, with 422 Invalid.
    static func check(_ resource: ResourceType, _ object: JSONValue) throws(APIError) {
        let prefix: String
        switch resource {
        case ResourceCatalog.pod: prefix = "spec"
        case ResourceCatalog.deployment, ResourceCatalog.replicaSet, ResourceCatalog.statefulSet, ResourceCatalog.job: prefix = "spec.template.spec"
        default: return
        }
        let name = object[path: "metadata.name"].string ?? ""
        for (index, container) in (object[path: "\(prefix).containers"].array ?? []).enumerated() {
            let field = "\(prefix).containers[\(index)].resources"
            var amounts: [String: [String: ResourceQuantity]] = [:]
            for bound in ["requests", "limits"] {
                for (resourceName, text) in container[path: "resources.\(bound)"].stringMap {
                    guard let quantity = try? ResourceQuantity(text) else {
                        throw APIError.invalid(resource, name, "\(field).\(bound)[\(resourceName)]: Invalid value: \"\(text)\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
                    }
                    amounts[bound, default: [:]][resourceName] = quantity
                }
            }
            for (resourceName, request) in amounts["requests"] ?? [:] {
                guard let limit = amounts["limits"]?[resourceName], request.value > limit.value else { continue }
                throw APIError.invalid(resource, name, "\(field).requests: Invalid value: \"\(request)\": must be less than or equal to \(resourceName) limit of \(limit)")
            }
        }
    }
}

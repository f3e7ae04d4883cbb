import KaiCore
import KaiYAML
import Yams

/// Reads the policy's own kinds of values: lists of names and of operations.
enum PolicyValues {
    static func names(_ node: Node, key: String, valid: (String) -> Bool, what: String) throws(YAMLFault) -> [String] {
        let items = try YAMLValues.scalars(node, key: key)
        guard !items.isEmpty else { throw YAMLFault(node, "\(key) is empty, which would allow nothing; list at least one \(what).") }
        var names: [String] = []
        for item in items {
            let name = item.string ?? ""
            guard valid(name) else { throw YAMLFault(item, "\"\(name)\" is not a valid \(what).") }
            names.append(name)
        }
        return names
    }

    static func operations(_ node: Node, key: String) throws(YAMLFault) -> [OperationName] {
        var operations: [OperationName] = []
        for item in try YAMLValues.scalars(node, key: key) {
            let name = item.string ?? ""
            guard let operation = OperationName(rawValue: name) else {
                let known = OperationName.allCases.map(\.rawValue).joined(separator: ", ")
                throw YAMLFault(item, "\"\(name)\" is not an operation; the catalog has \(known).")
            }
            operations.append(operation)
        }
        return operations
    }

    /// A quantity of `resource` ("2", "1500m", "2Gi"), checked as setResources checks its values.
    static func quantity(_ node: Node, key: String, of resource: ResourceName) throws(YAMLFault) -> ResourceQuantity {
        let text = node.scalar?.string ?? ""
        do {
            return try resource.quantity(text)
        } catch {
            throw YAMLFault(node, "\(key): \(error.problem) \(error.remedy)")
        }
    }
}

import KaiCore
import Yams

/// Reads typed values out of YAML nodes, with errors that point at the line.
struct NodeReader {
    let path: String

    func int(_ node: Node, key: String, in range: ClosedRange<Int>) throws(PolicyFileError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw fault(node, "\(key) must be a whole number, not \(describe(node)).")
        }
        guard range.contains(value) else {
            throw fault(node, "\(key) must be from \(range.lowerBound) to \(range.upperBound), not \(value).")
        }
        return value
    }

    func bool(_ node: Node, key: String) throws(PolicyFileError) -> Bool {
        guard case .scalar(let scalar) = node, let value = ["true": true, "false": false][scalar.string.lowercased()] else {
            throw fault(node, "\(key) must be true or false, not \(describe(node)).")
        }
        return value
    }

    func strings(_ node: Node, key: String) throws(PolicyFileError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw fault(node, "\(key) must be a list, such as [a, b], not \(describe(node)).")
        }
        var items: [Node] = []
        for item in sequence {
            guard case .scalar = item else { throw fault(item, "each entry of \(key) must be a plain value, not \(describe(item)).") }
            items.append(item)
        }
        return items
    }

    func names(_ node: Node, key: String, valid: (String) -> Bool, what: String) throws(PolicyFileError) -> [String] {
        let items = try strings(node, key: key)
        guard !items.isEmpty else { throw fault(node, "\(key) is empty, which would allow nothing; list at least one \(what).") }
        var names: [String] = []
        for item in items {
            let name = item.string ?? ""
            guard valid(name) else { throw fault(item, "\"\(name)\" is not a valid \(what).") }
            names.append(name)
        }
        return names
    }

    func operations(_ node: Node, key: String) throws(PolicyFileError) -> [OperationName] {
        var operations: [OperationName] = []
        for item in try strings(node, key: key) {
            let name = item.string ?? ""
            guard let operation = OperationName(rawValue: name) else {
                let known = OperationName.allCases.map(\.rawValue).joined(separator: ", ")
                throw fault(item, "\"\(name)\" is not an operation; the catalog has \(known).")
            }
            operations.append(operation)
        }
        return operations
    }

    private func fault(_ node: Node, _ detail: String) -> PolicyFileError {
        PolicyFileError(path: path, line: node.mark?.line, detail: detail)
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

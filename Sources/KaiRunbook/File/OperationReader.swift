import KaiCore
import Yams

/// Reads an `op:` step into a draft: the operation and its arguments, named as `kai plan -o json`
/// names them and checked by the same ``DraftBuilder`` as the model's tool calls.
struct OperationReader {
    let reader: NodeReader

    /// The keys each operation takes besides `op`.
    static func keys(of operation: OperationName) -> [String] {
        operation.parameters.map(\.name) + ["namespace"]
    }

    func draft(_ mapping: Node.Mapping, name: Node) throws(RunbookError) -> DraftStep {
        let text = try reader.text(name, key: "op")
        guard let operation = OperationName(rawValue: text) else {
            throw reader.fault(name, "\"\(text)\" is not an operation.",
                               remedy: "Use one of the catalog's: \(reader.list(OperationName.allCases.map(\.rawValue))).")
        }
        try reader.checkKeys(mapping, allowed: ["op"] + Self.keys(of: operation), what: "op: \(operation)")
        var arguments: [String: ArgumentInput] = [:]
        var nodes: [String: Node] = [:]
        for (keyNode, node) in mapping {
            guard let key = keyNode.string, key != "op" else { continue }
            arguments[key] = Self.input(node)
            nodes[key] = node
        }
        do {
            return try DraftBuilder.draft(operation, arguments)
        } catch {
            throw reader.fault(error.argument.flatMap { nodes[$0] } ?? name, "op: \(error.problem)", remedy: error.remedy)
        }
    }

    /// A YAML value as an argument: numbers and booleans by their YAML type, anything else plain as text.
    private static func input(_ node: Node) -> ArgumentInput {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, let number = node.int { return .integer(number) }
            if scalar.style == .plain, let flag = node.bool { return .boolean(flag) }
            return .text(scalar.string)
        case .mapping: return .other("a mapping")
        case .sequence: return .other("a list")
        case .alias: return .other("an alias")
        }
    }
}

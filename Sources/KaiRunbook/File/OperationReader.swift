import KaiCore
import Yams

/// Reads an `op:` step into a draft: the operation, its target and its typed arguments, with the
/// argument names `kai plan -o json` uses.
struct OperationReader {
    let reader: NodeReader

    /// The keys each operation takes besides `op`.
    static func keys(of operation: OperationName) -> [String] {
        let target = operation.targetRule.kinds.isEmpty ? [] : ["target"]
        let arguments: [String] = switch operation {
        case .list: ["kind", "selector", "fieldSelector"]
        case .logs: ["container", "tail", "since", "previous"]
        case .scale: ["replicas"]
        case .autoscale: ["min", "max", "cpuPercent"]
        case .rollback: ["revision"]
        case .setImage: ["image", "container"]
        case .describe, .events, .diagnose, .resources, .rolloutStatus, .rolloutHistory, .restart, .deletePod: []
        }
        return target + arguments + ["namespace"]
    }

    func draft(_ mapping: Node.Mapping, name: Node) throws(RunbookError) -> DraftStep {
        let text = try reader.text(name, key: "op")
        guard let operation = OperationName(rawValue: text) else {
            throw reader.fault(name, "\"\(text)\" is not an operation.",
                               remedy: "Use one of the catalog's: \(reader.list(OperationName.allCases.map(\.rawValue))).")
        }
        try reader.checkKeys(mapping, allowed: ["op"] + Self.keys(of: operation), what: "op: \(operation)")
        var draft = DraftStep(operation)
        for (keyNode, node) in mapping {
            try read(keyNode.string ?? "", node, into: &draft)
        }
        return try requireArguments(of: draft, in: mapping, at: name)
    }

    private func read(_ key: String, _ node: Node, into draft: inout DraftStep) throws(RunbookError) {
        switch key {
        case "target": draft.target = try reader.target(node, key: key)
        case "namespace": draft.namespace = try reader.text(node, key: key)
        case "replicas":
            let value = try reader.int(node, key: key, example: "3")
            draft.replicas = .exactly(try reader.value(node) { () throws(ValueError) in try ReplicaCount(value) })
        case "image":
            let value = try reader.text(node, key: key)
            draft.image = try reader.value(node) { () throws(ValueError) in try ImageReference(value) }
        case "container":
            let value = try reader.text(node, key: key)
            draft.container = try reader.value(node) { () throws(ValueError) in try ContainerName(value) }
        case "revision":
            let value = try reader.int(node, key: key, example: "2")
            draft.revision = try reader.value(node) { () throws(ValueError) in try Revision(value) }
        case "tail":
            let value = try reader.int(node, key: key, example: "100")
            draft.tail = try reader.value(node) { () throws(ValueError) in try TailLines(value) }
        case "since":
            let seconds = try reader.duration(node, key: key)
            draft.since = try reader.value(node) { () throws(ValueError) in try LogWindow(seconds: seconds) }
        case "previous": draft.previous = try reader.bool(node, key: key)
        case "kind":
            let value = try reader.text(node, key: key)
            guard let kind = ResourceKind(word: value.lowercased()) else {
                throw reader.fault(node, "\"\(value)\" is not a kind list can show.",
                                   remedy: "Use \(reader.list(ResourceKind.allCases.map(\.rawValue))).")
            }
            draft.kind = kind
        case "selector":
            let value = try reader.text(node, key: key)
            draft.selector = try reader.value(node) { () throws(ValueError) in try LabelSelector(value) }
        case "fieldSelector":
            let value = try reader.text(node, key: key)
            draft.fieldSelector = try reader.value(node) { () throws(ValueError) in try FieldSelector(value) }
        default:
            break  // op itself, and min/max/cpuPercent, which are read together
        }
    }

    /// Checks what the operation cannot do without, and reads the autoscaler bounds, which only make sense together.
    private func requireArguments(of draft: DraftStep, in mapping: Node.Mapping, at name: Node) throws(RunbookError) -> DraftStep {
        var draft = draft
        if case .required(let kinds) = draft.operation.targetRule, draft.target == nil {
            throw missing("target", of: draft, at: name, example: "target: \(kinds.first == .pod ? "backend pod" : "backend")")
        }
        switch draft.operation {
        case .scale where draft.replicas == nil:
            throw missing("replicas", of: draft, at: name, example: "replicas: 3")
        case .setImage where draft.image == nil:
            throw missing("image", of: draft, at: name, example: "image: todo-backend:1.2.0")
        case .autoscale:
            guard let minNode = mapping["min"], let maxNode = mapping["max"] else {
                throw missing(mapping["min"] == nil ? "min" : "max", of: draft, at: name, example: "min: 2, max: 5, cpuPercent: 70")
            }
            let low = try reader.int(minNode, key: "min", example: "2")
            let high = try reader.int(maxNode, key: "max", example: "5")
            let cpu = try mapping["cpuPercent"].map { node throws(RunbookError) in try reader.int(node, key: "cpuPercent", example: "70") }
            draft.autoscale = try reader.value(maxNode) { () throws(ValueError) in
                try AutoscaleBounds(min: ReplicaCount(low), max: ReplicaCount(high), cpuPercent: cpu ?? AutoscaleBounds.standardCPUPercent)
            }
        default:
            break
        }
        return draft
    }

    private func missing(_ key: String, of draft: DraftStep, at node: Node, example: String) -> RunbookError {
        reader.fault(node, "op: \(draft.operation) needs \(key).", remedy: "Add it, e.g. \(example).")
    }
}

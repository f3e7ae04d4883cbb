import KaiCore
import Yams

/// Reads one entry of `steps:`: exactly one of op:, ask:, wait: or check:.
struct StepReader {
    let reader: NodeReader

    /// The keys that say what kind of step an entry is.
    static let kinds = ["op", "ask", "wait", "check"]

    func step(_ node: Node, number: Int) throws(RunbookError) -> RunbookStep {
        guard case .mapping(let mapping) = node else {
            throw reader.fault(node, "a step must be a mapping, not \(reader.describe(node)).",
                               remedy: "Start the step with one of op:, ask:, wait: or check:.")
        }
        let kinds = Array(mapping.keys.compactMap(\.string).filter(Self.kinds.contains))
        guard kinds.count == 1, let kind = kinds.first, let value = mapping[kind] else {
            let detail = kinds.isEmpty ? "the step has none of op, ask, wait or check."
                : "the step has \(reader.list(kinds)); a step is exactly one kind."
            throw reader.fault(node, detail, remedy: "Give each step exactly one of op:, ask:, wait: or check:; split it into several steps.")
        }
        let action: RunbookStep.Action
        switch kind {
        case "op": action = .operation(try OperationReader(reader: reader).draft(mapping, name: value))
        case "ask": action = try ask(mapping, value)
        case "wait": action = try wait(mapping, value)
        default: action = try check(mapping, value)
        }
        return RunbookStep(number: number, line: node.mark?.line, action: action)
    }

    private func ask(_ mapping: Node.Mapping, _ value: Node) throws(RunbookError) -> RunbookStep.Action {
        try reader.checkKeys(mapping, allowed: ["ask"], what: "an ask step")
        return .ask(try reader.text(value, key: "ask"))
    }

    private func wait(_ mapping: Node.Mapping, _ value: Node) throws(RunbookError) -> RunbookStep.Action {
        try reader.checkKeys(mapping, allowed: ["wait"], what: "a wait step")
        let example = "{rollout: backend, timeout: 120s}"
        let fields = try reader.mapping(value, key: "wait", example: example)
        try reader.checkKeys(fields, allowed: ["rollout", "timeout"], what: "wait")
        guard let rollout = fields["rollout"] else {
            throw reader.fault(value, "wait names no deployment to follow.", remedy: "Write wait: \(example).")
        }
        let timeout = try fields["timeout"].map { node throws(RunbookError) in Duration.seconds(try reader.duration(node, key: "timeout")) }
        return .wait(rollout: try reader.target(rollout, key: "rollout"), timeout: timeout)
    }

    private func check(_ mapping: Node.Mapping, _ value: Node) throws(RunbookError) -> RunbookStep.Action {
        try reader.checkKeys(mapping, allowed: ["check"], what: "a check step")
        let example = "{target: backend, readyReplicas: \">= 2\"}"
        let fields = try reader.mapping(value, key: "check", example: example)
        let names = ReplicaCondition.Field.allCases.map(\.rawValue)
        try reader.checkKeys(fields, allowed: ["target"] + names, what: "check")
        guard let target = fields["target"] else {
            throw reader.fault(value, "check names no target.", remedy: "Write check: \(example).")
        }
        var conditions: [ReplicaCondition] = []
        for (key, node) in fields {
            guard let field = key.string.flatMap(ReplicaCondition.Field.init(rawValue:)) else { continue }
            let text = try reader.text(node, key: field.rawValue)
            conditions.append(try reader.value(node) { () throws(ValueError) in try ReplicaCondition(field: field, text: text) })
        }
        guard !conditions.isEmpty else {
            throw reader.fault(value, "check compares nothing.", remedy: "Add one of \(reader.list(names)), e.g. \(example).")
        }
        return .check(target: try reader.target(target, key: "target"), conditions: conditions)
    }
}

import Foundation
import KaiCore
import Yams

/// Reads typed values out of a runbook's YAML nodes; every error points at the node's line and the step.
struct NodeReader {
    let path: String
    /// The step being read, from 1; nil at the top level.
    let step: Int?

    /// An error at `node`'s line.
    func fault(_ node: Node?, _ detail: String, remedy: String) -> RunbookError {
        RunbookError(path: path, line: node?.mark?.line, step: step, detail: detail, remedy: remedy)
    }

    /// Throws for the first key of `mapping` that is not in `allowed`, and for a key given twice.
    func checkKeys(_ mapping: Node.Mapping, allowed: [String], what: String) throws(RunbookError) {
        var seen = Set<String>()
        for key in mapping.keys {
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                throw fault(key, "\"\(name)\" is not a key of \(what).", remedy: "Use \(list(allowed)).")
            }
            guard seen.insert(name).inserted else {
                throw fault(key, "\"\(name)\" is given twice.", remedy: "Keep one of them.")
            }
        }
    }

    /// A plain text value.
    func text(_ node: Node, key: String) throws(RunbookError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fault(node, "\(key) must be a non-empty text, not \(describe(node)).", remedy: "Write \(key): followed by a value.")
        }
        return scalar.string
    }

    /// A mapping, for wait: and check:.
    func mapping(_ node: Node, key: String, example: String) throws(RunbookError) -> Node.Mapping {
        guard case .mapping(let mapping) = node else {
            throw fault(node, "\(key) must be a mapping, not \(describe(node)).", remedy: "Write it as \(key): \(example).")
        }
        return mapping
    }

    /// A target as a person names it: "backend", "todo-chatbot-backend", "frontend pod".
    func target(_ node: Node, key: String) throws(RunbookError) -> TargetPhrase {
        TargetPhrase(text: try text(node, key: key))
    }

    /// A duration: a number of seconds, or units as in "90s", "2m", "1h30m".
    func duration(_ node: Node, key: String) throws(RunbookError) -> Int {
        guard case .scalar(let scalar) = node, let seconds = DurationText.seconds(scalar.string), seconds > 0 else {
            throw fault(node, "\(key) must be a duration such as 120s, 2m or 1h30m, not \(describe(node)).",
                        remedy: "Write \(key): 120s, for example.")
        }
        return seconds
    }

    /// Runs `read`, turning a value error into one at `node`.
    func value<T>(_ node: Node, _ read: () throws(ValueError) -> T) throws(RunbookError) -> T {
        do {
            return try read()
        } catch {
            throw fault(node, error.problem, remedy: error.remedy)
        }
    }

    func describe(_ node: Node?) -> String {
        switch node {
        case .scalar(let scalar)?: "\"\(scalar.string)\""
        case .mapping?: "a mapping"
        case .sequence?: "a list"
        case .alias?: "an alias"
        case nil: "nothing"
        }
    }

    /// "a, b or c".
    func list(_ names: [String]) -> String {
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }
}

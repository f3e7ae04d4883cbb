import Foundation
import KaiCore
import KaiYAML
import Yams

/// Reads runbook files. Every fault is a ``RunbookError`` naming the file, line and step, found
/// before anything runs.
///
/// ```swift
/// let runbook = try RunbookFile.load(path: "runbooks/recover-backend.yaml")
/// ```
public enum RunbookFile {
    /// The keys a runbook may have at its top level.
    static let topLevelKeys = ["name", "description", "steps"]
    /// More steps than this is a script gone wrong, not a runbook a person reviews.
    public static let maximumSteps = 50

    /// Whether `path` names a runbook rather than a request: an existing file ending in .yaml or .yml.
    public static func isRunbook(path: String) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The runbook at `path`.
    public static func load(path: String) throws(RunbookError) -> Runbook {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RunbookError(path: path, line: nil, step: nil, detail: "there is no such file.",
                               remedy: "Give the path of a runbook, e.g. kai run runbooks/recover-backend.yaml.")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RunbookError(path: path, line: nil, step: nil, detail: "it cannot be read as UTF-8 text (\(error.localizedDescription)).",
                               remedy: "Check the file's permissions and encoding.")
        }
        return try parse(text, path: path)
    }

    /// The runbook written in `text`; `path` names it in messages.
    public static func parse(_ text: String, path: String) throws(RunbookError) -> Runbook {
        let reader = NodeReader(path: path, step: nil)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw RunbookError(path: path, line: error.line, step: nil, detail: "it is not valid YAML (\(error.summary)).",
                               remedy: "Fix the YAML syntax at that line.")
        } catch {
            throw RunbookError(path: path, line: nil, step: nil, detail: "it is not valid YAML (\(error)).", remedy: "Fix the YAML syntax.")
        }
        guard let root, case .mapping(let mapping) = root else {
            throw reader.fault(root, "the top level must be a mapping with name, description and steps.",
                               remedy: "Start the file with name:, description: and steps:.")
        }
        try reader.checkKeys(mapping, allowed: topLevelKeys, what: "a runbook")
        guard let nameNode = mapping["name"] else {
            throw reader.fault(root, "it has no name.", remedy: "Add name: followed by a short name, e.g. name: recover-backend.")
        }
        let name = try reader.text(nameNode, key: "name")
        var description = ""
        if let node = mapping["description"] { description = try reader.text(node, key: "description") }
        guard let stepsNode = mapping["steps"] else {
            throw reader.fault(root, "it has no steps.", remedy: "Add steps: with a list of op:, ask:, wait: or check: entries.")
        }
        guard case .sequence(let sequence) = stepsNode, !sequence.isEmpty else {
            throw reader.fault(stepsNode, "steps must be a non-empty list.",
                               remedy: "List the steps, each starting with \"- \" and one of op:, ask:, wait: or check:.")
        }
        guard sequence.count <= maximumSteps else {
            throw reader.fault(stepsNode, "it has \(sequence.count) steps; a runbook may have at most \(maximumSteps).",
                               remedy: "Split it into several runbooks.")
        }
        var steps: [RunbookStep] = []
        for (index, node) in sequence.enumerated() {
            steps.append(try StepReader(reader: NodeReader(path: path, step: index + 1)).step(node, number: index + 1))
        }
        return Runbook(path: path, name: name, description: description, steps: steps)
    }
}

import Foundation
import KaiCore
import Yams

/// Reads `policy.yaml`. Any key it holds overrides the built-in default; keys it lacks keep it.
///
/// ```yaml
/// namespaces: [todo-chatbot, todo-staging]
/// targets: ["todo-chatbot-*"]
/// maxReplicas: 6
/// disabledOperations: [deletePod]
/// ```
public enum PolicyFile {
    /// `$XDG_CONFIG_HOME/kai/policy.yaml`, with `~/.config` when `XDG_CONFIG_HOME` is unset or empty.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/kai/policy.yaml"
    }

    /// The policy at `path`, or the built-in defaults when no file is there.
    public static func load(path: String) throws(PolicyFileError) -> Policy {
        guard FileManager.default.fileExists(atPath: path) else { return .defaults }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw PolicyFileError(path: path, line: nil, detail: "it cannot be read as UTF-8 text (\(error.localizedDescription)).")
        }
        return try parse(text, path: path)
    }

    /// The policy at `path`, which must exist: a path given on the command line is never silently ignored.
    public static func load(requiredPath path: String) throws(PolicyFileError) -> Policy {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PolicyFileError(path: path, line: nil, detail: "there is no such file.")
        }
        return try load(path: path)
    }

    /// The policy written in `text`; `path` names it in messages.
    public static func parse(_ text: String, path: String) throws(PolicyFileError) -> Policy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PolicyFileError(path: path, line: error.line, detail: "it is not valid YAML (\(error.summary)).")
        } catch {
            throw PolicyFileError(path: path, line: nil, detail: "it is not valid YAML (\(error)).")
        }
        var policy = Policy.defaults
        policy.source = path
        guard let root else { return policy }
        guard case .mapping(let mapping) = root else {
            throw PolicyFileError(path: path, line: root.mark?.line, detail: "the top level must be a mapping of keys to values.")
        }
        let reader = NodeReader(path: path)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "namespaces":
                policy.namespaces = try reader.names(value, key: key, valid: DNSLabel.isValid, what: "namespace")
            case "targets":
                policy.targets = try reader.names(value, key: key, valid: isTargetPattern, what: "target pattern")
            case "maxReplicas":
                policy.maxReplicas = try reader.int(value, key: key, in: 0...ReplicaCount.kubernetesMaximum)
            case "disabledOperations":
                policy.disabledOperations = Set(try reader.operations(value, key: key))
            case "readOnly":
                policy.readOnly = try reader.bool(value, key: key)
            default:
                throw PolicyFileError(path: path, line: keyNode.mark?.line,
                                      detail: "unknown key \"\(key)\"; the keys are namespaces, targets, maxReplicas, disabledOperations and readOnly.")
            }
        }
        return policy
    }

    private static func isTargetPattern(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253 && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "-.*".contains($0)) }
    }
}

extension YamlError {
    /// The line the parser stopped at, when it says (shared by every YAML file kai reads).
    public var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    /// The parser's problem without the echoed document.
    public var summary: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _): "the key \(duplicates.joined(separator: ", ")) appears twice"
        default: String(describing: self)
        }
    }
}

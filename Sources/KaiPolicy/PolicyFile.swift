import Foundation
import KaiCore
import KaiYAML
import Yams

/// Reads `policy.yaml`. Any key it holds overrides the built-in default; keys it lacks keep it.
///
/// ```yaml
/// namespaces: [todo-chatbot, todo-staging]
/// targets: ["todo-chatbot-*"]
/// maxReplicas: 6
/// maxCPU: "1"          # the largest CPU request or limit setResources may set
/// maxMemory: 1Gi       # the largest memory request or limit
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
        do {
            return try read(YAMLValues.topLevel(YAMLValues.document(text)), path: path)
        } catch {
            throw PolicyFileError(path: path, line: error.line, detail: error.detail)
        }
    }

    private static func read(_ mapping: Node.Mapping, path: String) throws(YAMLFault) -> Policy {
        var policy = Policy.defaults
        policy.source = path
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "namespaces":
                policy.namespaces = try PolicyValues.names(value, key: key, valid: DNSLabel.isValid, what: "namespace")
            case "targets":
                policy.targets = try PolicyValues.names(value, key: key, valid: isTargetPattern, what: "target pattern")
            case "maxReplicas":
                policy.maxReplicas = try YAMLValues.int(value, key: key, in: 0...ReplicaCount.kubernetesMaximum)
            case "maxCPU":
                policy.maxCPU = try PolicyValues.quantity(value, key: key, of: .cpu)
            case "maxMemory":
                policy.maxMemory = try PolicyValues.quantity(value, key: key, of: .memory)
            case "disabledOperations":
                policy.disabledOperations = Set(try PolicyValues.operations(value, key: key))
            case "readOnly":
                policy.readOnly = try YAMLValues.bool(value, key: key)
            default:
                throw YAMLFault(keyNode, "unknown key \"\(key)\"; the keys are namespaces, targets, maxReplicas, maxCPU, maxMemory, disabledOperations and readOnly.")
            }
        }
        return policy
    }

    private static func isTargetPattern(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253 && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "-.*".contains($0)) }
    }
}

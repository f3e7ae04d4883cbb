import Foundation
import KaiYAML
import Yams

/// Reads `config.yaml`: kai's settings, each overridable by the environment and by flags.
///
/// ```yaml
/// provider: openai                 # openai, azure, anthropic or gemini; leave out to stay offline
/// model: gpt-4o-mini
/// baseURL: http://127.0.0.1:11434/v1
/// apiKeyFile: ~/.config/kai/openai.key
/// interpreter: auto                # auto, local or model
/// toolMode: native                 # native, json or auto
/// namespace: todo-chatbot
/// output: text
/// ```
public enum ConfigFile {
    /// The keys a config file may hold, in the order `kai config show` lists them.
    public static let keys = ["provider", "model", "baseURL", "apiKeyFile", "apiVersion", "interpreter", "toolMode", "maxRounds", "modelTimeout",
                              "policy", "prompts", "namespace", "output", "readOnly"]

    /// `$XDG_CONFIG_HOME/kai/config.yaml`, with `~/.config` when `XDG_CONFIG_HOME` is unset or empty.
    public static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/kai/config.yaml"
    }

    /// The settings in the file at `path`; nil when there is none and it was not asked for by name.
    public static func load(path: String, required: Bool) throws(ConfigError) -> ConfigLayer? {
        guard FileManager.default.fileExists(atPath: path) else {
            guard required else { return nil }
            throw ConfigError(.file(path, line: nil), "there is no such file.", fix: "Give the path of an existing file, or leave it out to use \(defaultPath(environment: ProcessInfo.processInfo.environment)).")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(.file(path, line: nil), "it cannot be read as UTF-8 text (\(error.localizedDescription)).")
        }
        return try parse(text, path: path)
    }

    /// The settings written in `text`; `path` names it in messages and anchors its relative paths.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> ConfigLayer {
        do {
            return try read(YAMLValues.topLevel(YAMLValues.document(text)), path: path)
        } catch {
            throw ConfigError(.file(path, line: error.line), error.detail)
        }
    }

    private static func read(_ mapping: Node.Mapping, path: String) throws(YAMLFault) -> ConfigLayer {
        var layer = ConfigLayer()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        for (keyNode, node) in mapping {
            let key = keyNode.string ?? ""
            let source = SettingSource.file(path, line: node.mark?.line)
            func parsed<T>(_ parse: (String) -> Result<T, InvalidSetting>) throws(YAMLFault) -> Sourced<T> {
                switch parse(try YAMLValues.text(node, key: key)) {
                case .success(let value): return Sourced(value, from: source)
                case .failure(let invalid): throw YAMLFault(node, "\(key): \(invalid.detail)")
                }
            }
            func file() throws(YAMLFault) -> Sourced<String> {
                Sourced(FilePath.expand(try YAMLValues.text(node, key: key), relativeTo: folder), from: source)
            }
            switch key {
            case "provider": layer.provider = try parsed(SettingValue.provider)
            case "model": layer.model = Sourced(try YAMLValues.text(node, key: key), from: source)
            case "baseURL": layer.baseURL = try parsed(SettingValue.baseURL)
            case "apiKeyFile": layer.apiKeyFile = try file()
            case "apiVersion": layer.apiVersion = Sourced(try YAMLValues.text(node, key: key), from: source)
            case "interpreter": layer.interpreter = try parsed(SettingValue.interpreter)
            case "toolMode": layer.toolMode = try parsed(SettingValue.toolMode)
            case "maxRounds": layer.maxRounds = Sourced(try YAMLValues.int(node, key: key, in: SettingValue.rounds), from: source)
            case "modelTimeout": layer.modelTimeout = Sourced(try YAMLValues.seconds(node, key: key, in: SettingValue.modelSeconds), from: source)
            case "policy": layer.policy = try file()
            case "prompts": layer.prompts = try file()
            case "namespace": layer.namespace = try parsed(SettingValue.namespace)
            case "output": layer.output = try parsed(SettingValue.output)
            case "readOnly": layer.readOnly = Sourced(try YAMLValues.bool(node, key: key), from: source)
            case "apiKey", "key", "token":
                throw YAMLFault(keyNode, "\(key) would keep a secret in the config file; put the key in the provider's environment variable or in a file named by apiKeyFile.")
            default:
                throw YAMLFault(keyNode, "unknown key \"\(key)\"; the keys are \(keys.joined(separator: ", ")).")
            }
        }
        return layer
    }
}

/// Paths as people write them in settings: `~/…` in the home folder, relative ones beside the file.
enum FilePath {
    static func expand(_ path: String, relativeTo folder: String) -> String {
        if path == "~" { return NSHomeDirectory() }
        if path.hasPrefix("~/") { return NSHomeDirectory() + path.dropFirst(1) }
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
    }
}

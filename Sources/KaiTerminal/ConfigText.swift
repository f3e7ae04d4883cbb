import Foundation
import KaiConfig

/// `kai config show` for people and scripts, and the REPL's `/model` line. Secrets never appear:
/// the API key is shown as set or not, and credentials in a base URL are masked.
public enum ConfigText {
    /// One row per setting: name, shown value, where it came from.
    static func rows(_ configuration: Configuration) -> [(name: String, value: String, source: SettingSource)] {
        let c = configuration
        return [
            ("provider", c.provider.value?.rawValue ?? "none (offline: the local grammar only)", c.provider.source),
            ("model", c.provider.value == nil ? "-" : c.model.value ?? "-", c.model.source),
            ("baseURL", c.baseURL.value.map(\.masked) ?? "-", c.baseURL.source),
            ("apiKey", c.apiKey.value == nil ? "not set" : "set (hidden)", c.apiKey.source),
            ("apiVersion", c.apiVersion.value ?? "-", c.apiVersion.source),
            ("interpreter", c.interpreter.value.rawValue, c.interpreter.source),
            ("toolMode", c.toolMode.value.rawValue, c.toolMode.source),
            ("maxRounds", String(c.maxRounds.value), c.maxRounds.source),
            ("modelTimeout", "\(seconds(c.modelTimeout.value))s", c.modelTimeout.source),
            ("policy", c.policy.value ?? "$XDG_CONFIG_HOME/kai/policy.yaml if present", c.policy.source),
            ("prompts", c.prompts.value ?? "built in", c.prompts.source),
            ("namespace", c.namespace.value ?? "the kubeconfig context's", c.namespace.source),
            ("output", c.output.value.rawValue, c.output.source),
            ("readOnly", String(c.readOnly.value), c.readOnly.source),
        ]
    }

    /// The effective configuration as a table, with the file it read (or would read).
    public static func render(_ configuration: Configuration, defaultPath: String) -> String {
        let file = configuration.file.map { "Config file: \($0)" } ?? "Config file: none (\(defaultPath) does not exist)"
        let rows = rows(configuration)
        let width = rows.map(\.name.count).max() ?? 0
        let valueWidth = min(rows.map(\.value.count).max() ?? 0, 48)
        let lines = rows.map { row in
            "  " + row.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + (row.value.count < valueWidth ? row.value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) : row.value)
                + "  " + source(row.source)
        }
        return ([file] + lines).joined(separator: "\n") + "\nPrecedence: flags, then environment variables, then the config file, then built-in defaults.\n"
    }

    /// The effective configuration as one JSON document: `{"file", "settings": {name: {"value", "source"}}}`.
    public static func json(_ configuration: Configuration) -> String {
        struct Setting: Encodable { let value: String; let source: String }
        struct Document: Encodable { let file: String?; let settings: [String: Setting] }
        var settings: [String: Setting] = [:]
        for row in rows(configuration) { settings[row.name] = Setting(value: row.value, source: "\(row.source)") }
        return JSONText.render(Document(file: configuration.file, settings: settings))
    }

    /// What reads requests, for the REPL's `/model`.
    public static func interpreter(_ configuration: Configuration) -> String {
        guard let provider = configuration.provider.value, configuration.interpreter.value != .local else {
            return configuration.provider.value == nil
                ? "No model provider is configured: requests are read by kai's local grammar, offline. Set one with --provider or provider: in config.yaml."
                : "Interpreter local: requests are read by kai's local grammar only; the configured provider is not asked."
        }
        let model = configuration.model.value ?? provider.defaultModel
        let place = configuration.baseURL.value.map { " at \($0.masked)" } ?? ""
        let key = configuration.apiKey.value == nil ? "no API key" : "API key from \(configuration.apiKey.source)"
        let order = configuration.interpreter.value == .auto ? "the local grammar first, then" : "every request goes to"
        return "Interpreter \(configuration.interpreter.value.rawValue): \(order) \(provider.rawValue) model \(model)\(place) (\(key))."
    }

    private static func source(_ source: SettingSource) -> String {
        switch source {
        case .builtIn: "built-in default"
        default: "from \(source)"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

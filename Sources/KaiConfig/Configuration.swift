import Foundation

/// kai's effective settings: each taken from the flags, else the environment, else the config
/// file, else the built-in default, and each with the place it came from.
///
/// ```swift
/// let configuration = try Configuration.resolve(flags: layer, environment: ProcessInfo.processInfo.environment)
/// configuration.provider.value  // .openai, from "--provider"
/// ```
public struct Configuration: Sendable {
    /// The config file that was read; nil when there was none.
    public var file: String?
    /// nil: no provider, so requests are read by the local grammar only.
    public var provider: Sourced<ProviderKind?>
    public var model: Sourced<String?>
    public var baseURL: Sourced<URL?>
    public var apiKey: Sourced<APIKey?>
    /// Azure OpenAI's `api-version`.
    public var apiVersion: Sourced<String?>
    public var interpreter: Sourced<InterpreterMode>
    /// How the model is asked to call operations: native tool calls, one JSON object, or whichever the server supports.
    public var toolMode: Sourced<ToolMode>
    public var maxRounds: Sourced<Int>
    public var modelTimeout: Sourced<Double>
    /// The policy file; nil means `$XDG_CONFIG_HOME/kai/policy.yaml` when it exists.
    public var policy: Sourced<String?>
    /// A folder of prompts overriding the built-in ones.
    public var prompts: Sourced<String?>
    /// nil means the kubeconfig context's namespace.
    public var namespace: Sourced<String?>
    public var output: Sourced<OutputFormat>
    public var readOnly: Sourced<Bool>

    /// The Azure OpenAI API version used when none is configured.
    public static let defaultAzureAPIVersion = "2024-10-21"

    /// The configuration from `flags`, `environment` and the config file (`configPath`, else
    /// `KAI_CONFIG`, else the default path). Throws a ``ConfigError`` naming the bad value.
    public static func resolve(flags: ConfigLayer = ConfigLayer(), configPath: String? = nil,
                               environment: [String: String]) throws(ConfigError) -> Configuration {
        let named = configPath ?? environment["KAI_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let path = named ?? ConfigFile.defaultPath(environment: environment)
        let file = try ConfigFile.load(path: path, required: named != nil)
        let layers = [flags, try EnvironmentLayer.read(environment), file ?? ConfigLayer()]
        func pick<T>(_ key: KeyPath<ConfigLayer, Sourced<T>?>) -> Sourced<T>? {
            layers.lazy.compactMap { $0[keyPath: key] }.first
        }
        func optional<T>(_ key: KeyPath<ConfigLayer, Sourced<T>?>) -> Sourced<T?> {
            pick(key).map { Sourced($0.value, from: $0.source) } ?? Sourced(nil, from: .builtIn)
        }
        func setting<T>(_ key: KeyPath<ConfigLayer, Sourced<T>?>, default value: T) -> Sourced<T> {
            pick(key) ?? Sourced(value, from: .builtIn)
        }
        let provider = optional(\.provider)
        let kind = provider.value
        return Configuration(
            file: file == nil ? nil : path,
            provider: provider,
            model: pick(\.model).map { Sourced($0.value, from: $0.source) } ?? Sourced(kind?.defaultModel, from: .builtIn),
            baseURL: try baseURL(for: kind, flags: flags, file: file, environment: environment),
            apiKey: try apiKey(for: kind, file: file, environment: environment),
            apiVersion: pick(\.apiVersion).map { Sourced($0.value, from: $0.source) }
                ?? Sourced(kind == .azure ? defaultAzureAPIVersion : nil, from: .builtIn),
            interpreter: setting(\.interpreter, default: .auto),
            toolMode: setting(\.toolMode, default: .native),
            maxRounds: setting(\.maxRounds, default: 3),
            modelTimeout: setting(\.modelTimeout, default: 120),
            policy: optional(\.policy),
            prompts: optional(\.prompts),
            namespace: optional(\.namespace),
            output: setting(\.output, default: .text),
            readOnly: setting(\.readOnly, default: false))
    }

    /// `--base-url`, else the provider's own variable (`OPENAI_BASE_URL`, …), else the file, else the provider's service.
    private static func baseURL(for kind: ProviderKind?, flags: ConfigLayer, file: ConfigLayer?,
                                environment: [String: String]) throws(ConfigError) -> Sourced<URL?> {
        if let flag = flags.baseURL { return Sourced(flag.value, from: flag.source) }
        if let kind, let text = environment[kind.baseURLVariable], !text.isEmpty {
            switch SettingValue.baseURL(text) {
            case .success(let url): return Sourced(url, from: .environment(kind.baseURLVariable))
            case .failure(let invalid): throw ConfigError(.environment(kind.baseURLVariable), invalid.detail)
            }
        }
        if let configured = file?.baseURL { return Sourced(configured.value, from: configured.source) }
        return Sourced(kind?.defaultBaseURL, from: .builtIn)
    }

    /// The provider's key variable, else the key file the config names. Never a flag.
    private static func apiKey(for kind: ProviderKind?, file: ConfigLayer?, environment: [String: String]) throws(ConfigError) -> Sourced<APIKey?> {
        if let kind, let name = kind.keyVariables.first(where: { !(environment[$0] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }),
           let text = environment[name] {
            let key = APIKey(text)
            if let flaw = key.headerFlaw {
                throw ConfigError(.environment(name), "\(name) \(flaw), so it cannot be sent as a key.",
                                  fix: "Set \(name) to the key alone, on one line.")
            }
            return Sourced(key, from: .environment(name))
        }
        guard let keyFile = file?.apiKeyFile else { return Sourced(nil, from: .builtIn) }
        let text: String
        do {
            text = try String(contentsOfFile: keyFile.value, encoding: .utf8)
        } catch {
            throw ConfigError(keyFile.source, "apiKeyFile \(keyFile.value) cannot be read.",
                              fix: "Create it with the key on one line (mode 0600), or set \(kind?.keyVariables.first ?? "the provider's key variable") instead.")
        }
        let key = APIKey(text)
        guard !key.value.isEmpty else {
            throw ConfigError(keyFile.source, "apiKeyFile \(keyFile.value) is empty.", fix: "Put the key in it, on one line.")
        }
        if let flaw = key.headerFlaw {
            throw ConfigError(keyFile.source, "apiKeyFile \(keyFile.value) \(flaw), so it cannot be sent as a key.",
                              fix: "Leave only the key in the file, on one line.")
        }
        return Sourced(key, from: .file(keyFile.value, line: nil))
    }
}

import ArgumentParser
import KaiConfig

/// Which model provider reads requests the local grammar is not sure of, and how. Every one of
/// these can also come from the environment or config.yaml; flags win.
public struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Model provider: openai (and every OpenAI-compatible server), azure, anthropic, gemini, or ollama and llamacpp (local servers at their default addresses, 127.0.0.1:11434 and :8080).", valueName: "name"))
    public var provider: String?

    @Option(help: ArgumentHelp("Model name, e.g. gpt-4o-mini, llama3.2, claude-3-5-haiku-latest.", valueName: "name"))
    public var model: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The provider's base URL, e.g. http://127.0.0.1:11434/v1 for Ollama.", valueName: "url"))
    public var baseURL: String?

    @Option(help: ArgumentHelp("Who reads requests: auto (grammar first, then the model), local (grammar only) or model.", valueName: "mode"))
    public var interpreter: String?

    @Option(name: .customLong("tool-mode"), help: ArgumentHelp("How the model calls operations: native (tool calls), json (one JSON object by the catalog's schema, with response_format) or auto (json where a local OpenAI-compatible server accepts it, else native). Default native.", valueName: "mode"))
    public var toolMode: String?

    @Option(help: ArgumentHelp("A folder of prompts (system.md, diagnose.md, examples.md) to use instead of the built-in ones.", valueName: "dir"))
    public var prompts: String?

    @Option(name: .customLong("max-rounds"), help: ArgumentHelp("How many rounds of reads the model may ask for before it must answer.", valueName: "n"))
    public var maxRounds: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Config file to use instead of $XDG_CONFIG_HOME/kai/config.yaml.", valueName: "path"))
    public var configFile: String?

    public init() {}

    /// The settings these flags give, each checked as the config file's would be.
    public func layer() throws(ConfigError) -> ConfigLayer {
        var layer = ConfigLayer()
        func parsed<T>(_ text: String?, _ flag: String, _ parse: (String) -> Result<T, InvalidSetting>) throws(ConfigError) -> Sourced<T>? {
            guard let text else { return nil }
            switch parse(text) {
            case .success(let value): return Sourced(value, from: .flag(flag))
            case .failure(let invalid): throw ConfigError(.flag(flag), invalid.detail)
            }
        }
        layer.provider = try parsed(provider, "--provider", SettingValue.provider)
        layer.model = try parsed(model, "--model") { $0.isEmpty ? .failure("the model name is empty.") : .success($0) }
        layer.baseURL = try parsed(baseURL, "--base-url", SettingValue.baseURL)
        layer.interpreter = try parsed(interpreter, "--interpreter", SettingValue.interpreter)
        layer.toolMode = try parsed(toolMode, "--tool-mode", SettingValue.toolMode)
        layer.prompts = try parsed(prompts, "--prompts") { .success($0) }
        layer.maxRounds = try parsed(maxRounds, "--max-rounds", SettingValue.rounds)
        return layer
    }
}

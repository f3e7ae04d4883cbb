/// The settings kai reads from its own environment variables (`KAI_PROVIDER`, `KAI_MODEL`, …).
/// The providers' base URL and key variables are read once the provider is known.
enum EnvironmentLayer {
    static func read(_ environment: [String: String]) throws(ConfigError) -> ConfigLayer {
        var layer = ConfigLayer()
        func value<T>(_ name: String, _ parse: (String) -> Result<T, InvalidSetting>) throws(ConfigError) -> Sourced<T>? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            switch parse(text) {
            case .success(let value): return Sourced(value, from: .environment(name))
            case .failure(let invalid): throw ConfigError(.environment(name), invalid.detail)
            }
        }
        layer.provider = try value("KAI_PROVIDER", SettingValue.provider)
        layer.model = try value("KAI_MODEL") { .success($0) }
        layer.interpreter = try value("KAI_INTERPRETER", SettingValue.interpreter)
        layer.toolMode = try value("KAI_TOOL_MODE", SettingValue.toolMode)
        layer.maxRounds = try value("KAI_MAX_ROUNDS", SettingValue.rounds)
        layer.modelTimeout = try value("KAI_MODEL_TIMEOUT", SettingValue.seconds)
        layer.policy = try value("KAI_POLICY") { .success($0) }
        layer.prompts = try value("KAI_PROMPTS") { .success($0) }
        layer.namespace = try value("KAI_NAMESPACE", SettingValue.namespace)
        layer.output = try value("KAI_OUTPUT", SettingValue.output)
        layer.readOnly = try value("KAI_READ_ONLY", SettingValue.bool)
        return layer
    }
}

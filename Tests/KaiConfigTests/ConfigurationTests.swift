import Foundation
import KaiConfig
import Testing

/// Settings come from flags, then the environment, then config.yaml, then the defaults; each
/// knows where it came from, and a bad value names its file and line, variable or flag.
@Suite("Configuration")
struct ConfigurationTests {
    /// A config folder of its own with `text` as config.yaml, and the environment that points at it.
    func environment(config text: String?, _ extra: [String: String] = [:]) throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kai-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("kai"), withIntermediateDirectories: true)
        if let text { try text.write(to: folder.appendingPathComponent("kai/config.yaml"), atomically: true, encoding: .utf8) }
        return ["XDG_CONFIG_HOME": folder.path, "HOME": folder.path].merging(extra) { $1 }
    }

    @Test func withNothingConfiguredKaiIsOfflineWithItsDefaults() throws {
        let configuration = try Configuration.resolve(environment: environment(config: nil))
        #expect(configuration.file == nil)
        #expect(configuration.provider.value == nil)
        #expect(configuration.interpreter == Sourced(.auto, from: .builtIn))
        #expect(configuration.maxRounds.value == 3)
        #expect(configuration.output.value == .text)
        #expect(configuration.apiKey.value == nil)
    }

    @Test func flagsBeatTheEnvironmentWhichBeatsTheFile() throws {
        let env = try environment(config: "provider: anthropic\nmodel: from-file\nnamespace: from-file\noutput: json\n",
                                  ["KAI_MODEL": "from-env", "KAI_NAMESPACE": "from-env"])
        var flags = ConfigLayer()
        flags.model = Sourced("from-flag", from: .flag("--model"))
        let configuration = try Configuration.resolve(flags: flags, environment: env)
        #expect(configuration.model == Sourced("from-flag", from: .flag("--model")))
        #expect(configuration.namespace == Sourced("from-env", from: .environment("KAI_NAMESPACE")))
        #expect(configuration.provider.value == .anthropic)
        #expect(configuration.provider.source == .file(env["XDG_CONFIG_HOME"]! + "/kai/config.yaml", line: 1))
        #expect(configuration.output.value == .json)
    }

    @Test func theProvidersOwnVariablesGiveItsBaseURLAndKey() throws {
        let env = try environment(config: "provider: openai\nbaseURL: http://file.example/v1\n",
                                  ["OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "OPENAI_API_KEY": "sk-test-123",
                                   "ANTHROPIC_API_KEY": "not-this-one"])
        let configuration = try Configuration.resolve(environment: env)
        #expect(configuration.baseURL == Sourced(URL(string: "http://127.0.0.1:11434/v1"), from: .environment("OPENAI_BASE_URL")))
        #expect(configuration.apiKey.value?.value == "sk-test-123")
        #expect(configuration.apiKey.source == .environment("OPENAI_API_KEY"))
        #expect(configuration.model.value == "gpt-4o-mini")
    }

    @Test func aKeyFileNamedInTheConfigIsReadRelativeToIt() throws {
        let env = try environment(config: "provider: gemini\napiKeyFile: gemini.key\n")
        try "  AIza-secret\n".write(toFile: env["XDG_CONFIG_HOME"]! + "/kai/gemini.key", atomically: true, encoding: .utf8)
        let configuration = try Configuration.resolve(environment: env)
        #expect(configuration.apiKey.value?.value == "AIza-secret")
        #expect(configuration.baseURL.value == URL(string: "https://generativelanguage.googleapis.com"))
        #expect("\(configuration.apiKey.value!)" == "(hidden)")
    }

    @Test(arguments: [
        ("provider: openia\n", 1, "\"openia\" is not a provider"),
        ("model: m\nmaxRounds: 50\n", 2, "maxRounds must be from 1 to 10, not 50"),
        ("baseURL: ftp://x\n", 1, "not an http:// or https:// URL"),
        ("apiKey: sk-123\n", 1, "would keep a secret in the config file"),
        ("colour: red\n", 1, "unknown key \"colour\""),
        ("provider: [openai\n", 2, "not valid YAML"),
        ("readOnly: maybe\n", 1, "readOnly must be true or false"),
    ])
    func aBrokenConfigFileNamesTheLineAndWhatIsWrong(text: String, line: Int, detail: String) throws {
        let env = try environment(config: text)
        #expect {
            try Configuration.resolve(environment: env)
        } throws: { error in
            let error = error as? ConfigError
            return error?.source == .file(env["XDG_CONFIG_HOME"]! + "/kai/config.yaml", line: line)
                && error?.problem.contains(detail) == true && error?.problem.contains("sk-123") == false
        }
    }

    @Test func aBadEnvironmentValueNamesTheVariable() throws {
        #expect(throws: ConfigError(.environment("KAI_MAX_ROUNDS"),
                                    "the number of model rounds must be a whole number from 1 to 10, not \"lots\".")) {
            try Configuration.resolve(environment: try environment(config: nil, ["KAI_MAX_ROUNDS": "lots"]))
        }
    }

    @Test func aConfigFileAskedForByNameMustExist() throws {
        #expect(throws: ConfigError.self) {
            try Configuration.resolve(configPath: "/nonexistent/kai.yaml", environment: try environment(config: nil))
        }
    }
}

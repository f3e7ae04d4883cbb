import ArgumentParser
import Foundation
import KaiCommandLine
import KaiConfig
import KaiTerminal

/// `kai config`: the effective configuration.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show kai's effective configuration.",
        subcommands: [Show.self]
    )

    /// `kai config show`: every setting, its value and where it came from; secrets masked.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the effective configuration, with where each value came from; secrets are masked.",
            discussion: """
            Settings come from flags, then environment variables, then the config file \
            ($XDG_CONFIG_HOME/kai/config.yaml, or --config, or $KAI_CONFIG), then built-in defaults.

            Config file keys: \(ConfigFile.keys.joined(separator: ", ")).
            Environment: KAI_PROVIDER, KAI_MODEL, KAI_INTERPRETER, KAI_MAX_ROUNDS, KAI_MODEL_TIMEOUT, \
            KAI_POLICY, KAI_PROMPTS, KAI_NAMESPACE, KAI_OUTPUT, KAI_READ_ONLY, KAI_CONFIG; the provider's \
            base URL from OPENAI_BASE_URL, AZURE_OPENAI_ENDPOINT, ANTHROPIC_BASE_URL or GEMINI_BASE_URL; \
            its key from OPENAI_API_KEY, AZURE_OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY \
            (or apiKeyFile in the config file). Keys are never taken from a flag and never printed.

            Example config.yaml:
              provider: openai
              model: llama3.2
              baseURL: http://127.0.0.1:11434/v1
              namespace: todo-chatbot

            Examples:
              kai config show
              kai config show --provider anthropic -o json
            """
        )

        @OptionGroup var cluster: ClusterOptions
        @OptionGroup var options: CommonOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            do {
                let configuration = try options.configuration(cluster: cluster, environment: environment)
                switch configuration.output.value {
                case .json: Console.out(ConfigText.json(configuration))
                case .text: Console.out(ConfigText.render(configuration, defaultPath: ConfigFile.defaultPath(environment: environment)))
                }
            } catch {
                throw options.failure(error, request: "config show")
            }
        }
    }
}

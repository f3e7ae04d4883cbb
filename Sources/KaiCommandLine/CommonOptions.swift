import ArgumentParser
import Foundation
import KaiConfig
import KaiCore
import KaiPolicy
import KaiTerminal

/// The options every planning command shares: how to print, which policy to check against,
/// and which model (if any) reads requests.
public struct CommonOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text for people, json for one machine-readable document.", valueName: "text|json"))
    public var output: OutputFormat?

    @Option(name: .long, help: ArgumentHelp("Policy file to use instead of $XDG_CONFIG_HOME/kai/policy.yaml.", valueName: "path"))
    public var policy: String?

    @Flag(name: .customLong("read-only"), help: "Refuse every change (exit 4) before anything is sent to the cluster; reads still run.")
    public var readOnly = false

    @Flag(help: "Also show what asking the model cost: round trips, tokens in and out, time spent in the model.")
    public var verbose = false

    @OptionGroup(title: "Model") public var model: ModelOptions

    public init() {}

    /// The effective configuration: these flags (and the namespace of `cluster`), then the
    /// environment, then config.yaml.
    public func configuration(cluster: ClusterOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> Configuration {
        var layer = try model.layer()
        if let output { layer.output = Sourced(output, from: .flag("--output")) }
        if let policy { layer.policy = Sourced(policy, from: .flag("--policy")) }
        if readOnly { layer.readOnly = Sourced(true, from: .flag("--read-only")) }
        if let namespace = cluster.namespace {
            switch SettingValue.namespace(namespace) {
            case .success(let name): layer.namespace = Sourced(name, from: .flag("--namespace"))
            case .failure(let invalid): throw ConfigError(.flag("--namespace"), invalid.detail)
            }
        }
        return try Configuration.resolve(flags: layer, configPath: model.configFile, environment: environment)
    }

    /// The policy the configuration names (a named file must exist), else the user's policy file, else the defaults;
    /// read-only on top when the configuration says so.
    public func loadPolicy(_ configuration: Configuration) throws -> Policy {
        var loaded = try configuration.policy.value.map { try PolicyFile.load(requiredPath: $0) }
            ?? PolicyFile.load(path: PolicyFile.defaultPath())
        if configuration.readOnly.value { loaded.readOnly = true }
        return loaded
    }

    /// Prints `error` for `request` (one JSON document, or a message on standard error) and
    /// returns the exit code that ends the command.
    public func failure(_ error: any KaiError, request: String, output format: OutputFormat? = nil) -> ExitCode {
        switch format ?? output ?? .text {
        case .json:
            let interpreter = (error as? InterpretedError)?.interpreter ?? .local
            Console.out(PlanDocument(request: request, interpreter: interpreter, error: (error as? InterpretedError)?.error ?? error).json())
        case .text: Console.error(PlanText.render(error: error, paint: .standardError))
        }
        return ExitCode(ExitStatus.code(for: error.category))
    }
}

extension OutputFormat: ExpressibleByArgument {}

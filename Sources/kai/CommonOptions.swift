import ArgumentParser
import KaiCore
import KaiPolicy
import KaiTerminal

/// The options every planning command shares: how to print, and which policy to check against.
struct CommonOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: text for people, json for one machine-readable document.")
    var output: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Policy file to use instead of $XDG_CONFIG_HOME/kai/policy.yaml.", valueName: "path"))
    var policy: String?

    @Flag(name: .customLong("read-only"), help: "Refuse every change (exit 4) before anything is sent to the cluster; reads still run.")
    var readOnly = false

    /// The policy from `--policy`, else the user's policy file, else the defaults; `--read-only` on top.
    func loadPolicy() throws -> Policy {
        var loaded = try policy.map { try PolicyFile.load(requiredPath: $0) } ?? PolicyFile.load(path: PolicyFile.defaultPath())
        if readOnly { loaded.readOnly = true }
        return loaded
    }

    /// Prints `error` for `request` (one JSON document, or a message on standard error) and
    /// returns the exit code that ends the command.
    func failure(_ error: any KaiError, request: String) -> ExitCode {
        switch output {
        case .json: Console.out(PlanDocument(request: request, interpreter: .local, error: error).json())
        case .text: Console.error(PlanText.render(error: error))
        }
        return ExitCode(ExitStatus.code(for: error.category))
    }
}

import ArgumentParser
import KaiCommandLine

/// `kai`: operate the todo-chatbot stack on Kubernetes in plain language, safely.
struct Kai: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kai",
        abstract: "Operate an application on Kubernetes in plain language, safely.",
        discussion: """
        kai turns a request such as "scale backend to 3" into a short plan of typed operations \
        from a fixed catalog, checks every name against the cluster and every step against \
        the policy, and asks before anything changes.

        Examples:
          kai "scale backend to 3"
          kai --yes "restart the frontend"
          kai undo
          kai run runbooks/recover-backend.yaml --yes
          kai plan "restart frontend and scale backend to 2"
          kai plan "why is the backend crashing" -o json
          kai plan "last 200 lines of backend logs"
          kai sandbox serve --kubeconfig-out /tmp/kai.kubeconfig

        Exit codes: 0 ok · 1 an operation failed · 2 usage or configuration error · \
        3 confirmation needed or declined · 4 refused by policy · 5 cluster unreachable · \
        6 model provider error.
        """,
        version: KaiVersion.current,
        subcommands: [DoCommand.self, PlanCommand.self, RunCommand.self, UndoCommand.self, MCPCommand.self, ApproveCommand.self, ConfigCommand.self, DoctorCommand.self, SandboxCommand.self],
        defaultSubcommand: DoCommand.self
    )
}

extension Kai {
    /// `kai --sandbox plan "…"` and `kai -n shop run FILE`: options written before a subcommand's name
    /// belong to that subcommand, as they would after it, and its name never becomes a word of a request.
    /// Returns the arguments with the subcommand's name moved to the front when the default command
    /// would otherwise take it as the first word of a request.
    static func subcommandFirst(_ arguments: [String]) -> [String] {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        // Parsing is costly at start-up (reflection): only a command line naming a subcommand is parsed twice.
        guard let first = arguments.first, first.hasPrefix("-"), arguments.contains(where: names.contains),
              let parsed = try? DoCommand.parse(arguments), let word = parsed.request.first,
              names.contains(word),
              let index = arguments.firstIndex(of: word) else { return arguments }
        var reordered = arguments
        reordered.remove(at: index)
        return [word] + reordered
    }
}

import ArgumentParser
import KaiApprovals
import KaiCommandLine
import KaiConfig
import KaiCore
import KaiTerminal

/// `kai approve ID`: the person, at their own terminal, runs a change an agent asked for through `kai mcp`.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Run a change an agent asked for through kai mcp, after you confirm it here.",
        discussion: """
        When an agent's client cannot show kai's confirmation form, `kai mcp` answers a change \
        with its plan and a one-time id instead of running it. This command, in your own \
        terminal, reads the cluster again, shows the plan, and asks as the REPL does: y/N for a \
        change, the target's name for a disruptive step. It refuses an id that has expired \
        (10 minutes unless kai mcp was given --approval-timeout), that was used before (approved \
        or declined), whose file was changed, or whose plan was made against another cluster \
        than these flags reach. It needs a terminal: a script or an agent cannot approve.

        Examples:
          kai approve k7m2q9x4ab
          kai approve k7m2q9x4ab --context minikube
        """
    )

    @Argument(help: ArgumentHelp("The id kai mcp gave with the plan.", valueName: "id"))
    var id: String

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var options: CommonOptions

    func run() async throws {
        var output = options.output ?? .text
        do {
            let configuration = try options.configuration(cluster: cluster)
            output = configuration.output.value
            let policy = try options.loadPolicy(configuration)
            _ = try ApprovalStore.standard().pending(id)
            guard let confirmer = TerminalConfirmer.ifInteractive() else {
                throw ApprovalError(problem: "kai approve asks you at a terminal, and there is none here: nothing was changed and \(id) is still pending.",
                                    remedy: "Run kai approve \(id) yourself, in a terminal.")
            }
            try await cluster.withConnection(configuration) { connection in
                try await ApprovalRun(connection: connection, policy: policy, output: output, confirmer: confirmer).perform(id)
            }
        } catch let error as any KaiError {
            throw options.failure(error, request: "approve \(id)", output: output)
        }
    }
}

import ArgumentParser
import KaiCommandLine
import KaiConfig
import KaiCore
import KaiExecutor
import KaiTerminal

/// `kai undo`: proposes putting back a change recorded in the audit log.
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Put back a change kai made (from the audit log), after confirmation.",
        discussion: """
        Reads $XDG_STATE_HOME/kai/audit.jsonl and proposes the inverse (scale back, set the \
        previous image, roll back to the previous revision, restore the autoscaler) of the newest \
        change made on this cluster that has not been undone, passing over (and naming) changes \
        that cannot be undone. Give an id from --list to pick another change, an undo included. \
        The cluster is read first: a change someone has changed since is said so and needs the \
        target's name typed; a change whose outcome kai never learnt is checked against the \
        cluster. A change made on another cluster is refused. The proposal goes through the \
        policy and confirmation like any plan.

        Examples:
          kai undo
          kai undo --list
          kai undo 3f2a9c1e --yes
          kai undo --yes --allow-disruptive -o json
        """
    )

    @Argument(help: ArgumentHelp("The id (or its first characters) of the change to undo, as --list shows it.", valueName: "id"))
    var id: String?

    @Flag(help: "List the recent changes with their ids and outcomes, and change nothing.")
    var list = false

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var run: RunOptions

    @OptionGroup var options: CommonOptions

    func run() async throws {
        var output = options.output ?? .text
        do {
            let configuration = try options.configuration(cluster: cluster)
            output = configuration.output.value
            if list { return try listChanges(output: output) }
            let policy = try options.loadPolicy(configuration)
            try await cluster.withConnection(configuration) { connection in
                let proposal = try await UndoProposal.propose(from: AuditLog.standard(), id: id, cluster: AuditContext(endpoint: connection.endpoint),
                                                              client: connection.client, policy: policy)
                if output == .text { Console.error(AuditText.render(proposal)) }
                var plan = PlanRun(connection: connection, run: run, output: output)
                plan.typedForEveryChange = proposal.drift != nil
                try await plan.perform(proposal.plan, undoes: proposal.change.record.id)
            }
        } catch let error as any KaiError {
            throw options.failure(error, request: "undo", output: output)
        }
    }

    private func listChanges(output: OutputFormat) throws {
        let log = AuditLog.standard()
        let history = try log.history()
        switch output {
        case .text: Console.out(AuditText.list(history, path: log.path, limit: 20))
        case .json: Console.out(AuditText.json(history, limit: 20))
        }
    }
}

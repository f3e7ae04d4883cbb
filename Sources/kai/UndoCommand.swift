import ArgumentParser
import KaiConfig
import KaiCore
import KaiExecutor

/// `kai undo`: proposes putting back the last change recorded in the audit log.
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Put back the most recent change kai made (from the audit log), after confirmation.",
        discussion: """
        Reads $XDG_STATE_HOME/kai/audit.jsonl, takes the newest change that has not been undone \
        and proposes its inverse (scale back, set the previous image, roll back to the previous \
        revision, restore the autoscaler). The proposal goes through the policy and confirmation \
        like any plan; running undo again walks further back.

        Examples:
          kai undo
          kai undo --yes --allow-disruptive -o json
        """
    )

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var run: RunOptions

    @OptionGroup var options: CommonOptions

    func run() async throws {
        var output = options.output ?? .text
        do {
            let configuration = try options.configuration(cluster: cluster)
            output = configuration.output.value
            let policy = try options.loadPolicy(configuration)
            let proposal = try UndoProposal.latest(in: AuditLog.standard(), policy: policy)
            try await cluster.withConnection(configuration) { connection in
                guard proposal.record.context == connection.endpoint.contextName else {
                    throw RequestError(problem: "The last change was made in context \(proposal.record.context), but kai is using context \(connection.endpoint.contextName).",
                                       remedy: "Run kai undo --context \(proposal.record.context) to put it back where it was made.")
                }
                try await PlanRun(connection: connection, run: run, output: output).perform(proposal.plan, undoes: proposal.record.id)
            }
        } catch let error as any KaiError {
            throw options.failure(error, request: "undo", output: output)
        }
    }
}

import ArgumentParser
import Foundation
import KaiConfig
import KaiCore
import KaiExecutor
import KaiKube
import KaiMCP
import KaiPlanning
import KaiPolicy
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
            let store = ApprovalStore.standard()
            let approval = try store.pending(id)
            if approval.hasExpired() {
                _ = store.take(id)
                throw ApprovalError(problem: "Approval \(id) expired at \(ISO8601DateFormatter().string(from: approval.expires)). Nothing was changed.",
                                    remedy: "If the change is still wanted, ask the agent to propose it again.")
            }
            guard let confirmer = TerminalConfirmer.ifInteractive() else {
                throw ApprovalError(problem: "kai approve asks you at a terminal, and there is none here: nothing was changed and \(id) is still pending.",
                                    remedy: "Run kai approve \(id) yourself, in a terminal.")
            }
            try await cluster.withConnection(configuration) { connection in
                let here = PendingApproval.Cluster(AuditContext(endpoint: connection.endpoint))
                guard approval.cluster.isSame(as: here) else {
                    throw ApprovalError(problem: "Approval \(id) is for \(approval.cluster.shown), but these flags reach \(here.shown). Nothing was changed.",
                                        remedy: "Run kai approve with the --kubeconfig or --context that reaches the cluster the agent used.")
                }
                guard store.take(id) else {
                    throw ApprovalError(problem: "Approval \(id) was already used (approved or declined); an id runs at most once. Nothing was changed.",
                                        remedy: "If the change is still wanted, ask the agent to propose it again.")
                }
                let plan = try await replan(approval, connection: connection, policy: policy)
                if output == .text {
                    Console.error("\(approval.agent) asked for this change through kai mcp (approval \(id)):\n")
                }
                var run = PlanRun(connection: connection, run: try RunOptions.parse([]), output: output, confirmer: confirmer, policy: policy)
                run.agent = approval.agent
                try await run.perform(plan)
            }
        } catch let error as any KaiError {
            throw options.failure(error, request: "approve \(id)", output: output)
        }
    }

    /// The approval's steps resolved and checked again against the cluster as it is now; refused
    /// when they no longer resolve to exactly the operations the agent was shown.
    private func replan(_ approval: PendingApproval, connection: ClusterConnection, policy: Policy) async throws -> Plan {
        let snapshot = try await ClusterSnapshot.read(from: connection.client, namespace: connection.endpoint.namespace, alsoReading: policy.namespaces)
        let plan = try Planner(snapshot: snapshot, policy: policy).plan(approval.request, drafts: try approval.drafts(), interpreter: .agent)
        if let refusal = plan.refusal { throw refusal }
        guard plan.steps.map({ AuditOperation($0.operation) }) == approval.steps else {
            throw ApprovalError(problem: "The cluster changed since the agent asked: approval \(approval.id)'s steps no longer resolve to the same operations. Nothing was changed.",
                                remedy: "Ask the agent to propose the change again.")
        }
        return plan
    }
}

import Foundation
import KaiApprovals
import KaiCommandLine
import KaiConfig
import KaiCore
import KaiExecutor
import KaiKube
import KaiPlanning
import KaiPolicy
import KaiTerminal

/// Runs a change an agent asked for through `kai mcp`, for `kai approve ID` and the REPL's
/// `/approve ID`: the id must be pending, unexpired and for this cluster; it is marked used
/// before the person is asked, its steps are resolved and checked again, and the person confirms
/// them as any plan (never by `--yes`).
struct ApprovalRun {
    let connection: ClusterConnection
    let policy: Policy
    let output: OutputFormat
    let confirmer: any Confirmer
    /// Whether SIGINT and SIGTERM stop the run here (the command) or the caller traps them (the REPL).
    var trapsSignals = true

    /// Approves `id` from `store`; throws the error that explains a refusal, or PlanRun's exit code.
    func perform(_ id: String, store: ApprovalStore = .standard()) async throws {
        let approval = try store.pending(id)
        if approval.hasExpired() {
            _ = store.take(id)
            throw ApprovalError(problem: "Approval \(id) expired at \(ISO8601DateFormatter().string(from: approval.expires)). Nothing was changed.",
                                remedy: "If the change is still wanted, ask the agent to propose it again.")
        }
        let here = PendingApproval.Cluster(AuditContext(endpoint: connection.endpoint))
        guard approval.cluster.isSame(as: here) else {
            throw ApprovalError(problem: "Approval \(id) is for \(approval.cluster.shown), but this is \(here.shown). Nothing was changed.",
                                remedy: "Approve it with the --kubeconfig or --context that reaches the cluster the agent used.")
        }
        guard store.take(id) else {
            throw ApprovalError(problem: "Approval \(id) was already used (approved or declined); an id runs at most once. Nothing was changed.",
                                remedy: "If the change is still wanted, ask the agent to propose it again.")
        }
        let plan = try await replan(approval)
        if output == .text { Console.error("\(approval.agent) asked for this change through kai mcp (approval \(id)):\n") }
        var run = PlanRun(connection: connection, run: try RunOptions.parse([]), output: output, confirmer: confirmer, policy: policy,
                          trapsSignals: trapsSignals)
        run.agent = approval.agent
        try await run.perform(plan)
    }

    /// The approval's steps resolved and checked again against the cluster as it is now; refused
    /// when they no longer resolve to exactly the operations the agent was shown.
    private func replan(_ approval: PendingApproval) async throws -> Plan {
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

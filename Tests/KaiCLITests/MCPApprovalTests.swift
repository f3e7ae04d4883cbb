import Foundation
import KaiTestSupport
import MCP
import Testing

/// A change asked for by a client that cannot show kai's form: the call returns the plan and a
/// one-time id, and only `kai approve ID` at the person's own terminal runs it, once, before it
/// expires, against the cluster it was planned on.
@Suite("kai mcp approvals through kai approve", .serialized)
struct MCPApprovalTests {
    /// Asks for "scale frontend to 2" through `kai mcp` (with `arguments`) on `cluster`, and returns the approval id offered.
    func offer(on cluster: TestCluster, _ arguments: [String] = []) async throws -> String {
        try await MCPSession.with(arguments, environment: cluster.environment, clientName: "agent-without-forms") { session in
            let result = try await session.call("scale", ["target": "frontend", "replicas": 2])
            #expect(result.isError == false, "\(result.text)")
            #expect(result.text.contains("Waiting for the person: nothing has run."))
            let id = try #require(result.structuredContent?["approval", "id"]?.stringValue)
            #expect(result.structuredContent?["approval", "command"] == .string("kai approve \(id)"))
            #expect(result.text.contains("kai approve \(id)"))
            return id
        }
    }

    /// Runs `kai approve id` on a pseudo-terminal with `environment`, typing `answer` at its question.
    func approve(_ id: String, _ environment: [String: String], typing answer: String) async throws -> ChildProcess.Result {
        let kai = "'\(KaiProcess.binary.path) approve \(id)'"
        var env = environment
        env["NO_COLOR"] = "1"
        env["TERM"] = "xterm"
        env["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("kai-tests-empty-config").path
        return try await ChildProcess.run(program: "sh", ["-c", "printf '%s\\r' '\(answer)' | script -qefc \(kai) /dev/null"], environment: env)
    }

    var audit: (TestCluster) -> AuditLines { { AuditLines(path: $0.state.appendingPathComponent("kai/audit.jsonl").path) } }

    @Test func theChangeWaitsForKaiApproveRunsOnceAndIsAuditedWithTheAgentsName() async throws {
        try await TestCluster.with { cluster in
            let id = try await offer(on: cluster)
            #expect(try await cluster.field("frontend") == "1")
            let approved = try await approve(id, cluster.environment, typing: "y")
            #expect(approved.status == 0, "\(approved.stdout)")
            #expect(approved.stdout.contains("agent-without-forms 1.0 asked for this change through kai mcp (approval \(id))"))
            #expect(approved.stdout.contains("1. scale deployment todo-chatbot/todo-chatbot-frontend  replicas=2  [change]"))
            #expect(approved.stdout.contains("Make this change? [y/N]"))
            #expect(try await cluster.field("frontend") == "2")
            #expect(audit(cluster).changes.first?["agent"] as? String == "agent-without-forms 1.0")
            let replayed = try await approve(id, cluster.environment, typing: "y")
            #expect(replayed.status == 3)
            #expect(replayed.stdout.contains("already used"))
            #expect(audit(cluster).changes.count == 1)
        }
    }

    @Test func aDeclinedApprovalChangesNothingAndCannotBeApprovedLater() async throws {
        try await TestCluster.with { cluster in
            let id = try await offer(on: cluster)
            let declined = try await approve(id, cluster.environment, typing: "n")
            #expect(declined.status == 3)
            #expect(declined.stdout.contains("Declined: nothing was changed."))
            let again = try await approve(id, cluster.environment, typing: "y")
            #expect(again.status == 3)
            #expect(again.stdout.contains("already used"))
            #expect(try await cluster.field("frontend") == "1")
        }
    }

    @Test func anExpiredApprovalIsRefused() async throws {
        try await TestCluster.with { cluster in
            let id = try await offer(on: cluster, ["--approval-timeout", "0.001"])
            let late = try await approve(id, cluster.environment, typing: "y")
            #expect(late.status == 3)
            #expect(late.stdout.contains("Approval \(id) expired at"))
            #expect(try await cluster.field("frontend") == "1")
        }
    }

    @Test func anApprovalRunsOnlyAgainstTheClusterItWasPlannedOn() async throws {
        try await TestCluster.with { cluster in
            let id = try await offer(on: cluster)
            try await TestCluster.with { other in
                var elsewhere = other.environment
                elsewhere["XDG_STATE_HOME"] = cluster.state.path
                let refused = try await approve(id, elsewhere, typing: "y")
                #expect(refused.status == 3)
                #expect(refused.stdout.contains("Approval \(id) is for context kai-sandbox"))
                #expect(try await other.field("frontend") == "1")
            }
            let approved = try await approve(id, cluster.environment, typing: "y")
            #expect(approved.status == 0, "\(approved.stdout)")
            #expect(try await cluster.field("frontend") == "2")
        }
    }

    @Test func theREPLApprovesWithSlashApproveAndAsksEvenWhenStartedWithYes() async throws {
        try await TestCluster.with { cluster in
            let id = try await offer(on: cluster)
            var env = cluster.environment
            env["NO_COLOR"] = "1"
            env["TERM"] = "xterm"
            env["XDG_CONFIG_HOME"] = cluster.state.deletingLastPathComponent().appendingPathComponent("config").path
            let kai = "'\(KaiProcess.binary.path) --yes'"
            let typing = "sleep 3; printf '/approve \(id)\\r'; sleep 3; printf 'y\\r'; sleep 4; printf '/exit\\r'; sleep 1"
            let shown = try await ChildProcess.run(program: "sh", ["-c", "(\(typing)) | script -qefc \(kai) /dev/null"], environment: env).stdout
            #expect(shown.contains("agent-without-forms 1.0 asked for this change through kai mcp (approval \(id))"))
            #expect(shown.contains("Make this change? [y/N]"))
            #expect(try await cluster.field("frontend") == "2")
        }
    }

    @Test func anApprovalFileChangedAfterTheOfferIsRefused() async throws {
        try await TestCluster.with { cluster in
            let id = try await offer(on: cluster)
            let file = cluster.state.appendingPathComponent("kai/approvals/\(id).json")
            let written = try String(contentsOf: file, encoding: .utf8)
            #expect(written.contains("\"replicas\" : 2"))
            try written.replacingOccurrences(of: "\"replicas\" : 2", with: "\"replicas\" : 0").write(to: file, atomically: true, encoding: .utf8)
            let refused = try await approve(id, cluster.environment, typing: "y")
            #expect(refused.status == 3)
            #expect(refused.stdout.contains("was changed after kai mcp wrote it"))
            #expect(try await cluster.field("frontend") == "1")
        }
    }

    @Test func noTerminalNoApproval() async throws {
        try await TestCluster.with { cluster in
            let id = try await offer(on: cluster)
            let scripted = try await KaiProcess.run(["approve", id], environment: cluster.environment, input: "y\n")
            #expect(scripted.status == 3)
            #expect(scripted.stderr.contains("kai approve asks you at a terminal"))
            let approved = try await approve(id, cluster.environment, typing: "y")
            #expect(approved.status == 0, "\(approved.stdout)")
        }
    }
}

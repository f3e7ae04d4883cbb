import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// `kai undo` through the binary: only on the cluster a change was made on, never over someone
/// else's change without the name typed, and walking back past what cannot be undone.
@Suite("kai undo, through the binary", .serialized)
struct UndoTests {
    @Test func twoClustersWithOneContextNameUndoRefusesTheOtherClustersChange() async throws {
        try await TestCluster.with { first in
            try await TestCluster.with { second in
                #expect(try await first.kai(["--yes", "--no-wait", "scale frontend to 2"]).status == 0)
                // The same state folder (one person, one audit log), the same context name, another cluster.
                let refused = try await second.kai(["undo", "--yes"], environment: ["XDG_STATE_HOME": first.state.path])
                #expect(refused.status == 4, "\(refused.stderr)")
                #expect(refused.stderr.contains("was made on another cluster: \(first.server.absoluteString)"))
                #expect(try await second.field("frontend") == "1")
                #expect(try await first.field("frontend") == "2")
                #expect(first.audit.parses && first.audit.changes.count == 1)
                #expect(try await first.kai(["undo", "--yes", "--no-wait"]).status == 0)
                #expect(try await first.field("frontend") == "1")
            }
        }
    }

    @Test func aSecretInTheRequestIsNotWrittenToTheAuditLog() async throws {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNlY3JldA"
        try await TestCluster.with { cluster in
            let result = try await cluster.kai(["--yes", "--no-wait", "scale frontend to 2 (build \(jwt))"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(cluster.audit.parses && cluster.audit.changes("applied").count == 1)
            #expect(!cluster.auditLines.joined().contains(jwt))
            #expect(!cluster.auditLines.joined().contains("c2lnbmF0dXJlLXNlY3JldA"))
        }
    }

    @Test func driftBeforeUndoIsShownAndNeedsTheNameTyped() async throws {
        try await TestCluster.with { cluster in
            #expect(try await cluster.kai(["--yes", "--no-wait", "scale frontend to 2"]).status == 0)
            #expect(try await cluster.kubectl(["scale", "deploy", "todo-chatbot-frontend", "--replicas=5"]).status == 0)
            let refused = try await cluster.kai(["undo", "--yes"])
            #expect(refused.status == 3, "\(refused.stderr)")
            #expect(refused.stderr.contains("now replicas 5, kai left it at replicas 2"))
            #expect(try await cluster.field("frontend") == "5")
            let typed = try await cluster.kai(["undo", "--yes", "--allow-disruptive"])
            #expect(typed.status == 0, "\(typed.stderr)")
            #expect(typed.stdout.contains("replicas 5 -> 1"))
            #expect(typed.stdout.contains("rolled out: 1 of 1 replica available"))
            #expect(cluster.audit.parses && cluster.audit.changes("applied").count == 2)
        }
    }

    @Test func undoWalksPastARestartListsIdsAndUndoesAnUndo() async throws {
        try await TestCluster.with { cluster in
            #expect(try await cluster.kai(["--yes", "--no-wait", "scale frontend to 2"]).status == 0)
            #expect(try await cluster.kai(["--yes", "--no-wait", "restart frontend"]).status == 0)
            let undo = try await cluster.kai(["undo", "--yes", "--no-wait"])
            #expect(undo.status == 0, "\(undo.stderr)")
            #expect(undo.stderr.contains("Skipped: change "))
            #expect(undo.stderr.contains("cannot be undone: A restart changes no settings"))
            #expect(try await cluster.field("frontend") == "1")
            let again = try await cluster.kai(["undo", "--yes"])
            #expect(again.status == 1)
            #expect(again.stderr.contains("nothing to undo"))

            let list = try await cluster.kai(["undo", "--list", "-o", "json"])
            let changes = try #require(try list.json()["changes"] as? [[String: Any]])
            #expect(changes.map { $0["op"] as? String } == ["scale", "restart", "scale"])
            let undoID = try #require(changes.last?["id"] as? String)
            let redo = try await cluster.kai(["undo", String(undoID.prefix(8)), "--yes", "--no-wait"])
            #expect(redo.status == 0, "\(redo.stderr)")
            #expect(try await cluster.field("frontend") == "2")
            let audit = cluster.audit
            #expect(audit.parses && audit.changes.count == 4)
            #expect(audit.changes.last?["undoes"] as? String == undoID)
        }
    }
}

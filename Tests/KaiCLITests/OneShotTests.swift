import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// `kai "request"` against a sandbox that kubectl also sees: changes are made, reported,
/// audited and undoable; confirmation and errors end with design.md's exit codes.
@Suite("kai one-shot requests, through the binary", .serialized)
struct OneShotTests {
    typealias Cluster = TestCluster

    func withCluster<T: Sendable>(_ body: (Cluster) async throws -> T) async throws -> T {
        try await TestCluster.with(body)
    }

    @Test func yesScalesAndKubectlSeesTheResult() async throws {
        try await withCluster { cluster in
            let result = try await cluster.kai(["--yes", "scale frontend to 3"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("1. scale todo-chatbot-frontend: replicas 1 -> 3"))
            #expect(result.stdout.contains("rolled out: 3 of 3 replicas available"))
            let deployment = try await cluster.kubectl(["get", "deploy", "todo-chatbot-frontend", "-o", "jsonpath={.spec.replicas}/{.status.readyReplicas}"])
            #expect(deployment.stdout == "3/3")
            #expect(cluster.audit.parses && cluster.audit.changes("applied").count == 1 && cluster.audit.changes.count == 1)
        }
    }

    @Test func noTerminalAndNoYesChangesNothingAndExitsThree() async throws {
        try await withCluster { cluster in
            let result = try await cluster.kai(["scale frontend to 3"])
            #expect(result.status == 3)
            #expect(result.stderr.contains("there is no terminal to confirm it. Nothing was changed."))
            #expect(try await cluster.kubectl(["get", "deploy", "todo-chatbot-frontend", "-o", "jsonpath={.spec.replicas}"]).stdout == "1")
            #expect(cluster.auditLines.isEmpty)
        }
    }

    @Test func yesWithoutAllowDisruptiveNeverRollsBack() async throws {
        try await withCluster { cluster in
            let before = try await cluster.kubectl(["get", "deploy", "todo-chatbot-backend", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]).stdout
            let refused = try await cluster.kai(["--yes", "roll back the backend", "-o", "json"])
            #expect(refused.status == 3)
            let document = try refused.json()
            #expect((document["results"] as? [Any])?.isEmpty == true)
            #expect(((document["error"] as? [String: Any])?["category"] as? String) == "confirmation")
            #expect(try await cluster.kubectl(["get", "deploy", "todo-chatbot-backend", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]).stdout == before)

            let allowed = try await cluster.kai(["--yes", "--allow-disruptive", "roll back the backend", "-o", "json"])
            #expect(allowed.status == 0, "\(allowed.stdout)")
            let results = try allowed.json()["results"] as? [[String: Any]] ?? []
            #expect(results.first?["status"] as? String == "succeeded")
            #expect((results.first?["rollout"] as? [String: Any])?["outcome"] as? String == "complete")
            let after = try await cluster.kubectl(["get", "deploy", "todo-chatbot-backend", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]).stdout
            #expect(after != before)
        }
    }

    @Test func undoPutsTheLastChangeBackAfterConfirmation() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.kai(["--yes", "scale frontend to 2"]).status == 0)
            let unconfirmed = try await cluster.kai(["undo"])
            #expect(unconfirmed.status == 3)
            let undo = try await cluster.kai(["undo", "--yes"])
            #expect(undo.status == 0, "\(undo.stderr)")
            #expect(undo.stdout.contains("replicas 2 -> 1"))
            #expect(try await cluster.kubectl(["get", "deploy", "todo-chatbot-frontend", "-o", "jsonpath={.spec.replicas}"]).stdout == "1")
            #expect(cluster.audit.changes("applied").count == 2)
            #expect(cluster.audit.changes.last?["undoes"] as? String == cluster.audit.changes.first?["id"] as? String)
            let nothing = try await cluster.kai(["undo", "--yes"])
            #expect(nothing.status == 1)
            #expect(nothing.stderr.contains("nothing to undo"))
        }
    }

    /// Runs kai on a pseudo-terminal (through util-linux `script`), typing `input`, as a person would.
    func kaiAtATerminal(_ cluster: Cluster, _ request: String, typing input: String) async throws -> KaiProcess.Result {
        let command = "'\(KaiProcess.binary.path)' '\(request)'"
        var environment = cluster.environment
        environment["XDG_CONFIG_HOME"] = cluster.state.appendingPathComponent("config").path
        return try await ChildProcess.run(program: "script", ["-qec", command, "/dev/null"], environment: environment, input: input)
    }

    @Test func atATerminalYesConfirmsAChange() async throws {
        try await withCluster { cluster in
            let result = try await kaiAtATerminal(cluster, "scale frontend to 2", typing: "y\n")
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("Make this change? [y/N]"))
            #expect(try await cluster.kubectl(["get", "deploy", "todo-chatbot-frontend", "-o", "jsonpath={.spec.replicas}"]).stdout == "2")
        }
    }

    @Test func atATerminalADisruptiveStepRunsOnlyWhenTheNameIsTyped() async throws {
        try await withCluster { cluster in
            let image = ["get", "deploy", "todo-chatbot-backend", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]
            let before = try await cluster.kubectl(image).stdout
            let wrong = try await kaiAtATerminal(cluster, "roll back the backend", typing: "backend\n")
            #expect(wrong.status == 3)
            #expect(wrong.stdout.contains("Type todo-chatbot-backend to confirm:"))
            #expect(try await cluster.kubectl(image).stdout == before)
            let right = try await kaiAtATerminal(cluster, "roll back the backend", typing: "todo-chatbot-backend\n")
            #expect(right.status == 0, "\(right.stdout)")
            #expect(try await cluster.kubectl(image).stdout != before)
        }
    }

    @Test func readsRunAtOnceWithoutConfirmation() async throws {
        try await withCluster { cluster in
            let result = try await cluster.kai(["show", "pods"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("todo-chatbot-backend-"))
            #expect(result.stdout.contains("Running"))
        }
    }

    @Test func aRolloutThatCannotFinishFailsTheStepWithExitOne() async throws {
        try await withCluster { cluster in
            let result = try await cluster.kai(["--yes", "--allow-disruptive", "--rollout-timeout", "60",
                                                "set image of frontend to todo-frontend:9.9.9 and scale backend to 3"])
            #expect(result.status == 1)
            #expect(result.stdout.contains("image todo-frontend:1.2.0 -> todo-frontend:9.9.9 — FAILED"))
            #expect(result.stdout.contains("2. scale todo-chatbot-backend: not run, because an earlier step failed."))
            #expect(result.stdout.contains("Step 1 failed; 1 later step was not run."))
            // The write was applied; its rollout failed.
            #expect(cluster.audit.changes("applied").count == 1 && cluster.audit.changes.count == 1)
            #expect(cluster.audit.lines.last??["rollout"] as? String == "failed")
        }
    }

    @Test func readOnlyRefusesChangesBeforeTouchingTheClusterAndStillReads() async throws {
        try await withCluster { cluster in
            let refused = try await cluster.kai(["--read-only", "--yes", "scale frontend to 3"])
            #expect(refused.status == 4)
            #expect(refused.stderr.contains("read-only"))
            #expect(try await cluster.kubectl(["get", "deploy", "todo-chatbot-frontend", "-o", "jsonpath={.spec.replicas}"]).stdout == "1")
            #expect(cluster.auditLines.isEmpty)
            let reads = try await cluster.kai(["--read-only", "list deployments"])
            #expect(reads.status == 0)
            #expect(reads.stdout.contains("todo-chatbot-frontend"))
        }
    }

    @Test func anUnreachableClusterExitsFive() async throws {
        let folder = try KaiProcess.temporaryDirectory()
        let kubeconfig = folder.appendingPathComponent("config")
        try SandboxKubeconfig.text(server: try #require(URL(string: "http://127.0.0.1:9"))).write(to: kubeconfig, atomically: true, encoding: .utf8)
        let result = try await KaiProcess.run(["--kubeconfig", kubeconfig.path, "--yes", "scale backend to 3"])
        #expect(result.status == 5)
        #expect(result.stderr.contains("Cannot reach the cluster at http://127.0.0.1:9"))
        #expect(result.stderr.contains("minikube"))
    }

    @Test func anUnknownContextIsAConfigurationErrorThatListsTheChoices() async throws {
        let result = try await KaiProcess.run(["--kubeconfig", try await SharedSandbox.kubeconfig.value, "--context", "prod", "list pods"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("kai-sandbox"))
    }

    @Test func theEmbeddedSandboxAnswersWithoutAnyKubeconfig() async throws {
        let result = try await KaiProcess.run(["--sandbox", "--yes", "scale backend to 3", "-o", "json"],
                                              environment: ["KUBECONFIG": "/nonexistent", "XDG_STATE_HOME": try KaiProcess.temporaryDirectory().path])
        #expect(result.status == 0, "\(result.stderr)")
        let results = try result.json()["results"] as? [[String: Any]] ?? []
        #expect(results.first?["after"] as? String == "replicas 3")
    }
}

import Foundation
import KaiTestSupport
import Testing

/// `kai run FILE` through the binary, against sandboxes kubectl also sees: the bundled runbooks
/// run with --yes, nothing runs without confirmation, a failed check stops the run, --dry-run and
/// malformed runbooks change nothing.
@Suite("kai run runbooks, through the binary", .serialized)
struct RunbookRunTests {
    typealias Cluster = OneShotTests.Cluster

    /// The bundled runbook called `name`.
    static func bundled(_ name: String) -> String { repository + "/runbooks/\(name).yaml" }

    /// The package folder: three levels up from this file (Tests/KaiCLITests/…).
    static let repository: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    func withCluster<T: Sendable>(_ body: (Cluster) async throws -> T) async throws -> T {
        try await OneShotTests().withCluster(body)
    }

    /// Writes `text` as a runbook in the cluster's private folder.
    func write(_ text: String, in cluster: Cluster) throws -> String {
        let url = cluster.state.deletingLastPathComponent().appendingPathComponent("runbook-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func field(_ cluster: Cluster, _ deployment: String, _ path: String) async throws -> String {
        try await cluster.kubectl(["get", "deploy", deployment, "-o", "jsonpath={\(path)}"]).stdout
    }

    @Test func recoverBackendRestartsWaitsAndChecks() async throws {
        try await withCluster { cluster in
            let result = try await cluster.kai(["run", Self.bundled("recover-backend"), "--yes"])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("Runbook recover-backend (\(Self.bundled("recover-backend"))):"))
            #expect(result.stdout.contains("1. check todo-chatbot-postgres: ok (readyReplicas 1)"))
            #expect(result.stdout.contains("2. restart todo-chatbot-backend"))
            // The autoscaler may have added a replica while the restart rolled out; the runbook asks for at least 2.
            #expect(result.stdout.contains("4. check todo-chatbot-backend: ok (readyReplicas "))
            #expect(result.stdout.contains("Runbook recover-backend: all 4 steps done."))
            let restarted = try await field(cluster, "todo-chatbot-backend", ".spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt")
            #expect(!restarted.isEmpty)
            #expect(Int(try await field(cluster, "todo-chatbot-backend", ".status.readyReplicas")) ?? 0 >= 2)
            #expect(cluster.audit.changes("applied").count == 1 && cluster.audit.changes.count == 1)
            #expect((cluster.audit.changes.first?["request"] as? String)?.contains("runbook recover-backend, step 2") == true)
        }
    }

    @Test func scaleForDemoRunsAnAskAndPrintsOneJSONDocument() async throws {
        try await withCluster { cluster in
            let result = try await cluster.kai(["run", Self.bundled("scale-for-demo"), "--yes", "-o", "json"])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            let document = try result.json()
            #expect(document["runbook"] as? String == "scale-for-demo")
            let steps = document["steps"] as? [[String: Any]] ?? []
            #expect(steps.map { $0["kind"] as? String ?? "" } == ["check", "operation", "operation", "operation", "wait", "check", "check"])
            #expect(steps[3]["op"] as? String == "scale")
            #expect(steps[3]["ask"] as? String == "scale the frontend to 2")
            let results = document["results"] as? [[String: Any]] ?? []
            #expect(results.count == 7)
            #expect(results.allSatisfy { ["succeeded", "unchanged"].contains($0["status"] as? String ?? "") })
            #expect(try await field(cluster, "todo-chatbot-frontend", ".spec.replicas") == "2")
            #expect(try await field(cluster, "todo-chatbot-backend", ".spec.replicas") == "3")
            let hpa = try await cluster.kubectl(["get", "hpa", "-o", "jsonpath={.items[0].spec.minReplicas}"]).stdout
            #expect(hpa == "3")
        }
    }

    @Test func rollbackFrontendNeedsAllowDisruptive() async throws {
        try await withCluster { cluster in
            let image = ".spec.template.spec.containers[0].image"
            let refused = try await cluster.kai(["run", Self.bundled("rollback-frontend"), "--yes"])
            #expect(refused.status == 3)
            #expect(refused.stderr.contains("disruptive (rollback todo-chatbot-frontend)"))
            #expect(try await field(cluster, "todo-chatbot-frontend", image) == "todo-frontend:1.2.0")
            #expect(cluster.auditLines.isEmpty)

            let allowed = try await cluster.kai(["run", Self.bundled("rollback-frontend"), "--yes", "--allow-disruptive"])
            #expect(allowed.status == 0, "\(allowed.stdout)\n\(allowed.stderr)")
            #expect(allowed.stdout.contains("Runbook rollback-frontend: all 5 steps done."))
            #expect(try await field(cluster, "todo-chatbot-frontend", image) == "todo-frontend:1.1.0")
        }
    }

    @Test func withoutATerminalOrYesNothingRunsAndItExitsThree() async throws {
        try await withCluster { cluster in
            let result = try await cluster.kai(["run", Self.bundled("scale-for-demo")])
            #expect(result.status == 3)
            #expect(result.stderr.contains("there is no terminal to confirm it. Nothing was changed."))
            #expect(!result.stdout.contains("1. check todo-chatbot-postgres: ok"))
            #expect(try await field(cluster, "todo-chatbot-frontend", ".spec.replicas") == "1")
            #expect(try await field(cluster, "todo-chatbot-backend", ".spec.replicas") == "2")
            #expect(cluster.auditLines.isEmpty)
        }
    }

    @Test func aFailedCheckMidwayStopsTheRunWithExitOne() async throws {
        try await withCluster { cluster in
            let path = try write("""
                name: check-fails
                steps:
                  - op: scale
                    target: frontend
                    replicas: 2
                  - check: {target: frontend, readyReplicas: ">= 5"}
                  - op: scale
                    target: backend
                    replicas: 3
                """, in: cluster)
            let result = try await cluster.kai(["run", path, "--yes"])
            #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("1. scale todo-chatbot-frontend: replicas 1 -> 2"))
            #expect(result.stdout.contains("2. check todo-chatbot-frontend: FAILED (readyReplicas 2)"))
            #expect(result.stdout.contains("expected readyReplicas >= 5"))
            #expect(result.stdout.contains("3. scale todo-chatbot-backend: not run, because an earlier step failed."))
            #expect(result.stdout.contains("Runbook check-fails: step 2 failed after 1 step ran; 1 later step was not run."))
            #expect(try await field(cluster, "todo-chatbot-frontend", ".spec.replicas") == "2")
            #expect(try await field(cluster, "todo-chatbot-backend", ".spec.replicas") == "2")

            let json = try await cluster.kai(["run", path, "--yes", "-o", "json"])
            #expect(json.status == 1)
            let results = try json.json()["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["status"] as? String ?? "" } == ["unchanged", "failed", "notRun"])
            #expect(results[1]["category"] as? String == "operationFailed")
        }
    }

    @Test func dryRunShowsThePlanAndChangesNothing() async throws {
        try await withCluster { cluster in
            let result = try await cluster.kai(["run", Self.bundled("scale-for-demo"), "--dry-run", "--yes"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("2. autoscale deployment todo-chatbot/todo-chatbot-backend  min=3 max=6 cpuPercent=60  [change]"))
            #expect(result.stdout.contains("4. scale deployment todo-chatbot/todo-chatbot-frontend  replicas=2  [change]"))
            #expect(result.stdout.contains("This is a plan; nothing was run."))
            #expect(try await field(cluster, "todo-chatbot-backend", ".spec.replicas") == "2")
            #expect(cluster.auditLines.isEmpty)
        }
    }

    @Test func aMalformedRunbookExitsTwoNamingLineAndStepAndRunsNothing() async throws {
        try await withCluster { cluster in
            let path = try write("""
                name: malformed
                steps:
                  - op: scale
                    target: frontend
                    replicas: 2
                  - op: restart
                    target: backend
                    wait: {rollout: backend}
                """, in: cluster)
            let result = try await cluster.kai(["run", path, "--yes"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("Runbook \(path), line 6, step 2: the step has op or wait; a step is exactly one kind."))
            #expect(result.stdout.isEmpty)
            #expect(try await field(cluster, "todo-chatbot-frontend", ".spec.replicas") == "1")
            #expect(cluster.auditLines.isEmpty)

            let unknown = try write("name: unknown\nsteps:\n  - {op: scale, target: frontend, replicas: 2}\n  - {op: restart, target: cache}\n", in: cluster)
            let json = try await cluster.kai(["run", unknown, "--yes", "-o", "json"])
            #expect(json.status == 2)
            let error = try json.json()["error"] as? [String: Any] ?? [:]
            #expect((error["message"] as? String)?.contains("line 4, step 2") == true)
            #expect((error["candidates"] as? [String])?.isEmpty == false || (error["message"] as? String)?.contains("cache") == true)
            #expect(try await field(cluster, "todo-chatbot-frontend", ".spec.replicas") == "1")
        }
    }

    @Test func planCompilesARunbookIntoTypedStepsForReview() async throws {
        let result = try await KaiProcess.plan([Self.bundled("scale-for-demo"), "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try result.json()
        #expect(document["runbook"] as? String == "scale-for-demo")
        #expect(document["results"] == nil)
        let steps = document["steps"] as? [[String: Any]] ?? []
        let ask = try #require(steps.first { $0["ask"] != nil })
        #expect(ask["op"] as? String == "scale")
        #expect((ask["args"] as? [String: Any])?["replicas"] as? Int == 2)
        #expect((ask["target"] as? [String: Any])?["name"] as? String == "todo-chatbot-frontend")
        let check = try #require(steps.first { $0["kind"] as? String == "check" })
        #expect(check["conditions"] as? [String] == ["readyReplicas >= 1"])
    }

    @Test func aRunbookSetsResourcesAndRemovesTheAutoscalerAndRefusesALimitBelowItsRequest() async throws {
        try await withCluster { cluster in
            let path = try write("""
                name: give-the-backend-room
                steps:
                  - {op: setResources, target: backend, memoryLimit: 768Mi, cpuRequest: 150m}
                  - {op: removeAutoscaler, target: backend}
                  - wait: {rollout: backend, timeout: 60s}
                """, in: cluster)
            let result = try await cluster.kai(["run", path, "--yes", "--allow-disruptive"])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(try await field(cluster, "todo-chatbot-backend", ".spec.template.spec.containers[0].resources.limits.memory") == "768Mi")
            #expect(try await field(cluster, "todo-chatbot-backend", ".spec.template.spec.containers[0].resources.requests.cpu") == "150m")
            #expect(try await cluster.kubectl(["get", "hpa", "-o", "name"]).stdout.isEmpty)
            let bad = try write("""
                name: too-tight
                steps:
                  - {op: setResources, target: backend, memoryLimit: 128Mi, memoryRequest: 256Mi}
                """, in: cluster)
            let refused = try await cluster.kai(["run", bad, "--yes", "--allow-disruptive"])
            #expect(refused.status == 2 && refused.stderr.contains("memory limit (128Mi) below its memory request (256Mi)"), "\(refused.stderr)")
        }
    }

    @Test func aWaitOnARolloutThatCannotFinishFailsTheRun() async throws {
        try await withCluster { cluster in
            let path = try write("""
                name: bad-release
                steps:
                  - {op: setImage, target: frontend, image: "todo-frontend:9.9.9"}
                  - wait: {rollout: frontend, timeout: 60s}
                  - {op: scale, target: backend, replicas: 3}
                """, in: cluster)
            let result = try await cluster.kai(["run", path, "--yes", "--allow-disruptive", "--no-wait", "-o", "json"])
            #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
            let results = try result.json()["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["status"] as? String ?? "" } == ["succeeded", "failed", "notRun"])
            #expect((results[1]["error"] as? String)?.contains("ImagePull") == true)
            #expect(try await field(cluster, "todo-chatbot-backend", ".spec.replicas") == "2")
        }
    }

    @Test func atATerminalTheDisruptiveStepIsConfirmedByItsName() async throws {
        try await withCluster { cluster in
            let command = "'\(KaiProcess.binary.path)' run '\(Self.bundled("rollback-frontend"))'"
            var environment = cluster.environment
            environment["XDG_CONFIG_HOME"] = cluster.state.appendingPathComponent("config").path
            let result = try await ChildProcess.run(program: "script", ["-qec", command, "/dev/null"], environment: environment,
                                                    input: "todo-chatbot-frontend\n")
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("Type todo-chatbot-frontend to confirm:"))
            #expect(result.stdout.contains("Runbook rollback-frontend: all 5 steps done."))
            #expect(try await field(cluster, "todo-chatbot-frontend", ".spec.template.spec.containers[0].image") == "todo-frontend:1.1.0")
        }
    }
}

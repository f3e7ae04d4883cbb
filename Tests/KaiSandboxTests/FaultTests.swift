import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import KaiSandbox
import Testing

/// Each fault as a person sees it with kubectl: pod status, events and logs.
@Suite("Faults, seen through kubectl", .serialized)
struct FaultTests {
    private func podStatus(_ sandbox: SandboxHarness, _ component: String, becomes status: String) async throws -> String {
        // A crash-looping container shows its back-off only between restarts: sampled on a loaded machine, that takes a while.
        try await sandbox.eventually(["get", "pods", "-l", "app.kubernetes.io/component=\(component)"], seconds: 120) {
            $0.stdout.contains(status)
        }.stdout
    }

    @Test func crashloopShowsBackOffRestartsAndTheTraceback() async throws {
        try await SandboxHarness.with(faults: ["backend": .crashloop]) { sandbox in
            let pods = try await podStatus(sandbox, "backend", becomes: "CrashLoopBackOff")
            #expect(pods.contains("0/1"))
            let restarted = try await sandbox.eventually(["get", "pods", "-l", "app.kubernetes.io/component=backend",
                                                          "-o", "jsonpath={.items[0].status.containerStatuses[0].restartCount}"], seconds: 40) {
                (Int($0.stdout) ?? 0) >= 2
            }
            #expect((Int(restarted.stdout) ?? 0) >= 2)
            let logs = try await sandbox.kubectl("logs", "deploy/todo-chatbot-backend", "--previous")
            #expect(logs.stdout.contains("Traceback (most recent call last):"))
            #expect(logs.stdout.contains("KeyError: 'BETTER_AUTH_SECRET'"))
            let events = try await sandbox.kubectl("get", "events", "--field-selector", "reason=BackOff")
            #expect(events.stdout.contains("Back-off restarting failed container backend"))
            let exit = try await sandbox.kubectl("get", "pods", "-l", "app.kubernetes.io/component=backend",
                                           "-o", "jsonpath={.items[0].status.containerStatuses[0].lastState.terminated.exitCode}")
            #expect(exit.stdout == "1")
        }
    }

    @Test func imagepullShowsErrImagePullThenBackOff() async throws {
        try await SandboxHarness.with(faults: ["frontend": .imagepull]) { sandbox in
            _ = try await podStatus(sandbox, "frontend", becomes: "ImagePullBackOff")
            let events = try await sandbox.kubectl("get", "events", "--field-selector", "type=Warning")
            #expect(events.stdout.contains("Failed to pull image \"todo-frontend:1.2.0\""))
            #expect(events.stdout.contains("Error: ErrImagePull"))
        }
    }

    @Test func anUnknownTagFromSetImageShowsImagePullBackOff() async throws {
        try await SandboxHarness.with { sandbox in
            try await sandbox.waitForRollouts()
            #expect(try await sandbox.kubectl("set", "image", "deploy/todo-chatbot-backend", "backend=todo-backend:9.9.9").status == 0)
            let pods = try await podStatus(sandbox, "backend", becomes: "ImagePullBackOff")
            // The old pods keep serving while the new one cannot start: maxUnavailable is 0 for two replicas.
            #expect(pods.components(separatedBy: "Running").count == 3)
        }
    }

    @Test func oomShowsOOMKilledWithExit137() async throws {
        try await SandboxHarness.with(faults: ["backend": .oom]) { sandbox in
            let state = try await sandbox.eventually(["get", "pods", "-l", "app.kubernetes.io/component=backend",
                                                      "-o", "jsonpath={.items[0].status.containerStatuses[0].lastState.terminated}"], seconds: 40) {
                $0.stdout.contains("OOMKilled")
            }
            #expect(state.stdout.contains("\"exitCode\":137"))
        }
    }

    @Test func pendingShowsFailedSchedulingForCPU() async throws {
        try await SandboxHarness.with(faults: ["frontend": .pending]) { sandbox in
            let pods = try await podStatus(sandbox, "frontend", becomes: "Pending")
            #expect(pods.contains("0/1"))
            let events = try await sandbox.eventually(["get", "events", "--field-selector", "reason=FailedScheduling"]) { !$0.stdout.isEmpty }
            #expect(events.stdout.contains("0/1 nodes are available: 1 Insufficient cpu"))
        }
    }

    @Test func missingSecretShowsCreateContainerConfigError() async throws {
        try await SandboxHarness.with(faults: ["backend": .missingSecret]) { sandbox in
            _ = try await podStatus(sandbox, "backend", becomes: "CreateContainerConfigError")
            let events = try await sandbox.kubectl("get", "events", "--field-selector", "type=Warning")
            #expect(events.stdout.contains("couldn't find key"))
            #expect(events.stdout.contains("in Secret todo-chatbot/todo-chatbot-secrets"))
            // Putting the key back is the fix, and the pods then start.
            let patch = #"{"data":{"OPENAI_API_KEY":"c2stc2FuZGJveA=="}}"#
            #expect(try await sandbox.kubectl("patch", "secret", "todo-chatbot-secrets", "-p", patch).status == 0)
            let running = try await podStatus(sandbox, "backend", becomes: "1/1")
            #expect(running.contains("Running"))
        }
    }

    @Test func readinessShowsRunningButNotReadyWithUnhealthyEvents() async throws {
        try await SandboxHarness.with(faults: ["frontend": .readiness]) { sandbox in
            let events = try await sandbox.eventually(["get", "events", "--field-selector", "reason=Unhealthy"], seconds: 40) { !$0.stdout.isEmpty }
            #expect(events.stdout.contains("Readiness probe failed: HTTP probe failed with statuscode: 503"))
            let pods = try await sandbox.kubectl("get", "pods", "-l", "app.kubernetes.io/component=frontend")
            #expect(pods.stdout.contains("0/1"))
            #expect(pods.stdout.contains("Running"))
            let endpoints = try await sandbox.kubectl("get", "endpoints", "todo-chatbot-frontend", "-o", "jsonpath={.subsets[0].addresses}")
            #expect(endpoints.stdout.isEmpty)
        }
    }

    @Test func dbDownFailsPostgresReadinessAndCrashLoopsTheBackend() async throws {
        try await SandboxHarness.with(faults: ["postgres": .dbDown]) { sandbox in
            _ = try await podStatus(sandbox, "backend", becomes: "CrashLoopBackOff")
            let logs = try await sandbox.kubectl("logs", "deploy/todo-chatbot-backend", "--previous")
            #expect(logs.stdout.contains("Connection refused"))
            let postgres = try await sandbox.kubectl("get", "pods", "-l", "app.kubernetes.io/component=postgres")
            #expect(postgres.stdout.contains("0/1"))
        }
    }

    @Test func faultsCanBeInjectedAndClearedAtRunTime() async throws {
        try await SandboxHarness.with { sandbox in
            try await sandbox.waitForRollouts()
            var request = URLRequest(url: sandbox.url.appendingPathComponent("kai-sandbox/v1/faults"))
            request.httpMethod = "PUT"
            request.httpBody = Data(#"{"component": "backend", "fault": "crashloop"}"#.utf8)
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            _ = try await podStatus(sandbox, "backend", becomes: "CrashLoopBackOff")
            var clear = URLRequest(url: sandbox.url.appendingPathComponent("kai-sandbox/v1/faults/backend"))
            clear.httpMethod = "DELETE"
            _ = try await URLSession.shared.data(for: clear)
            let healed = try await podStatus(sandbox, "backend", becomes: "1/1")
            #expect(healed.contains("Running"))
        }
    }
}

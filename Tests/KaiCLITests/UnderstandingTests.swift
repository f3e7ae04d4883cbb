import Foundation
import KaiTestSupport
import Testing

/// Each class of the understanding issue through the binary: `kai plan -o json` and the one-shot.
@Suite("Understanding requests as people write them, through the binary")
struct UnderstandingTests {
    private func plan(_ request: String, _ extra: [String] = []) async throws -> (status: Int32, document: [String: Any]) {
        let result = try await KaiProcess.plan([request, "-o", "json"] + extra)
        return (result.status, try result.json())
    }

    private func steps(_ document: [String: Any]) -> [(op: String, target: String?, args: [String: Any])] {
        (document["steps"] as? [[String: Any]] ?? []).map { step in
            (step["op"] as? String ?? "", (step["target"] as? [String: Any])?["name"] as? String, step["args"] as? [String: Any] ?? [:])
        }
    }

    @Test func aMentionedChangeIsNotPlannedAndTheReadIs() async throws {
        let (status, document) = try await plan("the frontend restart failed, show events")
        #expect(status == 0)
        #expect(steps(document).map(\.op) == ["events"])
        #expect(steps(document).first?.target == "todo-chatbot-frontend")
        let understood = document["understanding"] as? [String] ?? []
        #expect(understood.contains { $0.contains("not planned") && $0.contains("restart") }, "\(understood)")
    }

    @Test(arguments: ["since the rollback, frontend is broken; show events", "events for backend, then scale it to 0? no",
                      "what would happen if I restarted the db?", "someone scaled postgres to 0 last night, what happened?",
                      "if the backend is down, restart it", "ticket says 'please restart backend asap' - what's its status?",
                      "restart the frontend \u{2014} actually don't", "I restarted the frontend and now it 404s"])
    func mentionsRunNothingEvenWithYes(_ request: String) async throws {
        let state = try KaiProcess.temporaryDirectory()
        let result = try await KaiProcess.run(["--yes", "--allow-disruptive", "--kubeconfig", try await SharedSandbox.kubeconfig.value, request, "-o", "json"],
                                              environment: ["XDG_STATE_HOME": state.path])
        let document = try result.json()
        #expect(!steps(document).contains { ["scale", "restart", "rollback", "setImage", "deletePod", "autoscale"].contains($0.op) }, "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("kai/audit.jsonl").path), "\(request) recorded a change")
    }

    @Test func aShellSeparatorSplitsClausesAndWidensNothing() async throws {
        let (status, document) = try await plan("logs for backend && scale frontend to 0")
        #expect(status == 0)
        let planned = steps(document)
        #expect(planned.map(\.op) == ["logs", "scale"])
        #expect(planned.map(\.target) == ["todo-chatbot-backend", "todo-chatbot-frontend"])
    }

    @Test func wordsThatNameNothingAreIgnoredAndSaid() async throws {
        let (_, document) = try await plan("Can you bump the backend to 4 replicas? Traffic is spiking.")
        #expect(steps(document).map(\.op) == ["scale"])
        #expect(steps(document).first?.args["replicas"] as? Int == 4)
        #expect((document["understanding"] as? [String] ?? []).contains { $0.contains("Traffic is spiking") })
        let (_, autoscale) = try await plan("autoscale the frontend from 1 to 4 pods when cpu goes over 70%")
        let args = steps(autoscale).first?.args ?? [:]
        #expect(args["min"] as? Int == 1 && args["max"] as? Int == 4 && args["cpuPercent"] as? Int == 70, "\(args)")
    }

    @Test func aMisspellingIsReadAsTheClosestNameAndShown() async throws {
        let (_, document) = try await plan("restrat the fronend")
        #expect(steps(document).map(\.op) == ["restart"])
        #expect(steps(document).first?.target == "todo-chatbot-frontend")
        let understood = document["understanding"] as? [String] ?? []
        #expect(understood.contains("read \"fronend\" as \"frontend\""), "\(understood)")
    }

    @Test func anUnknownNameIsAnErrorListingWhatExists() async throws {
        let (status, document) = try await plan("scale the payments service to 3")
        #expect(status == 2)
        #expect(((document["error"] as? [String: Any])?["message"] as? String)?.contains("payments") == true)
    }

    @Test func kubectlShapedRequestsMapToTheCatalog() async throws {
        let (_, scale) = try await plan("kubectl scale deploy/todo-chatbot-backend --replicas=3")
        #expect(steps(scale).first?.op == "scale" && steps(scale).first?.args["replicas"] as? Int == 3)
        let (_, logs) = try await plan("kubectl logs deployment/todo-chatbot-frontend --since=10m --tail=30")
        #expect(steps(logs).first?.args["since"] as? String == "10m" || steps(logs).first?.args["since"] as? Int == 600, "\(steps(logs))")
        let (status, _) = try await plan("kubectl exec -it todo-chatbot-backend -- sh")
        #expect(status == 4)
    }

    @Test func aQuestionAboutEveryPodListsEveryPod() async throws {
        let (_, document) = try await plan("are all pods running?")
        let step = try #require(steps(document).first)
        #expect(step.op == "list" && step.args["fieldSelector"] == nil, "\(step)")
    }

    @Test func aYesNoQuestionIsAnsweredInALineAndListsShowImages() async throws {
        let kubeconfig = try await SharedSandbox.kubeconfig.value
        let pods = try await KaiProcess.run(["--kubeconfig", kubeconfig, "are all pods running?"])
        #expect(pods.status == 0, "\(pods.stderr)")
        #expect(pods.stdout.contains("IMAGES") && pods.stdout.contains("todo-backend:1.1.0"), "\(pods.stdout)")
        #expect(pods.stdout.contains("All 4 pods are running.") || pods.stdout.contains("Not all pods are running"), "\(pods.stdout)")
        let deployments = try await KaiProcess.run(["--kubeconfig", kubeconfig, "what images are running?"])
        #expect(deployments.stdout.contains("todo-frontend:1.2.0") && deployments.stdout.contains("postgres:16.4-alpine"), "\(deployments.stdout)")
    }

    @Test func aPodPhraseLiftsToItsDeployment() async throws {
        let (status, document) = try await plan("check why the backend pod is failing")
        #expect(status == 0)
        #expect(steps(document).map(\.op) == ["diagnose"])
        #expect(steps(document).first?.target == "todo-chatbot-backend")
        let (_, logs) = try await plan("logs of the backend pod")
        #expect(steps(logs).first?.target == "todo-chatbot-backend")
    }

    @Test func aNamespaceActsThereWhenThePolicyAllowsIt() async throws {
        let (refusedStatus, _) = try await plan("list pods in kube-system")
        #expect(refusedStatus == 4)
        let policy = try KaiProcess.temporaryDirectory().appendingPathComponent("policy.yaml")
        try "namespaces: [todo-chatbot, kube-system]\n".write(to: policy, atomically: true, encoding: .utf8)
        let (status, document) = try await plan("list pods in kube-system", ["--policy", policy.path])
        #expect(status == 0)
        let step = try #require((document["steps"] as? [[String: Any]])?.first)
        #expect((step["target"] as? [String: Any])?["namespace"] as? String == "kube-system" || "\(step)".contains("kube-system"), "\(step)")
    }

    @Test func optionsBeforeASubcommandBelongToIt() async throws {
        let result = try await KaiProcess.run(["--kubeconfig", try await SharedSandbox.kubeconfig.value, "plan", "scale backend to 3", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try result.json()["request"] as? String == "scale backend to 3")
    }
}

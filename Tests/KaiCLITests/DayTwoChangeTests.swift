import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// setResources and removeAutoscaler through the binary against a sandbox that kubectl also sees:
/// made, followed, audited and undone; values checked as Kubernetes checks them and bounded by the policy.
@Suite("setResources and removeAutoscaler, through the binary", .serialized)
struct DayTwoChangeTests {
    private let backendResources = "{.spec.template.spec.containers[0].resources}"

    @Test func aRaisedMemoryLimitIsRolledOutAndUndoPutsThePreviousOneBack() async throws {
        try await TestCluster.with { cluster in
            let refused = try await cluster.kai(["--yes", "set backend memory limit to 768Mi"])
            #expect(refused.status == 3, "disruptive without --allow-disruptive: \(refused.stderr)")
            let result = try await cluster.kai(["--yes", "--allow-disruptive", "set backend memory limit to 768Mi"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("1. setResources todo-chatbot-backend: container backend limits.memory=512Mi -> "))
            // All replicas available at the end; the backend's autoscaler may have changed how many there are meanwhile.
            let rolledOut = result.stdout.firstMatch(of: /rolled out: ([0-9]+) of ([0-9]+) replicas available/)
            #expect(rolledOut != nil && rolledOut?.output.1 == rolledOut?.output.2, "\(result.stdout)")
            #expect(try await cluster.field("backend", "{.spec.template.spec.containers[0].resources.limits.memory}") == "768Mi")
            // The request and the CPU settings were left as they were.
            #expect(try await cluster.field("backend", backendResources) == #"{"limits":{"cpu":"500m","memory":"768Mi"},"requests":{"cpu":"100m","memory":"256Mi"}}"#)
            let pods = try await cluster.kubectl(["get", "pods", "-l", "app.kubernetes.io/component=backend", "-o",
                                                  "jsonpath={range .items[*]}{.spec.containers[0].resources.limits.memory} {end}"])
            #expect(pods.stdout.split(separator: " ").allSatisfy { $0 == "768Mi" }, "\(pods.stdout)")
            let undo = try await cluster.kai(["undo", "--yes", "--allow-disruptive"])
            #expect(undo.status == 0, "\(undo.stderr)")
            #expect(try await cluster.field("backend", "{.spec.template.spec.containers[0].resources.limits.memory}") == "512Mi")
            #expect(cluster.audit.parses && cluster.audit.changes("applied").count == 2)
        }
    }

    @Test func aLimitBelowItsRequestIsRefusedBeforeAnythingIsSent() async throws {
        try await TestCluster.with { cluster in
            let before = await cluster.tally.total
            let result = try await cluster.kai(["--yes", "--allow-disruptive", "set backend memory limit to 128Mi"])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("would have a memory limit (128Mi) below its memory request (256Mi)"), "\(result.stderr)")
            let sent = await cluster.tally.requests.filter { $0.key.hasPrefix("PATCH") }
            let after = await cluster.tally.total
            #expect(sent.isEmpty && after > before, "it read the cluster and sent nothing: \(sent)")
            #expect(try await cluster.field("backend", "{.spec.template.spec.containers[0].resources.limits.memory}") == "512Mi")
            // Nor does the sandbox's API server take one, from kubectl either.
            let kubectl = try await cluster.kubectl(["set", "resources", "deploy/todo-chatbot-backend", "--limits=memory=128Mi"])
            #expect(kubectl.status != 0 && kubectl.stderr.contains("must be less than or equal to memory limit of 128Mi"), "\(kubectl.stderr)")
        }
    }

    @Test func quantitiesKubernetesWouldNotReadAreRefusedWithTheUnitToUse() async throws {
        let result = try await KaiProcess.plan(["set backend memory limit to 512mb"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\"512mb\" is not a Kubernetes quantity. Did you mean 512Mi?"), "\(result.stderr)")
        let milli = try await KaiProcess.plan(["set backend memory limit to 512m"])
        #expect(milli.status == 2 && milli.stderr.contains("\"m\" is milli, not mega"), "\(milli.stderr)")
    }

    @Test func valuesAboveThePolicysBoundsAreRefused() async throws {
        try await TestCluster.with { cluster in
            let byDefault = try await cluster.kai(["--yes", "--allow-disruptive", "set backend memory limit to 3Gi"])
            #expect(byDefault.status == 4, "\(byDefault.stderr)")
            #expect((byDefault.stdout + byDefault.stderr).contains("more than the policy allows (at most 2Gi)"))
            let policy = cluster.state.deletingLastPathComponent().appendingPathComponent("policy.yaml")
            try "maxCPU: 500m\nmaxMemory: 1Gi\n".write(to: policy, atomically: true, encoding: .utf8)
            let cpu = try await cluster.kai(["--policy", policy.path, "--yes", "--allow-disruptive", "give the frontend 750m cpu"])
            #expect(cpu.status == 4, "\(cpu.stderr)")
            #expect((cpu.stdout + cpu.stderr).contains("A cpu request of 750m for todo-chatbot-frontend is more than the policy allows (at most 500m)"))
            #expect((cpu.stdout + cpu.stderr).contains("raise maxCPU in \(policy.path)"))
            try "maxMemory: 512\n".write(to: policy, atomically: true, encoding: .utf8)
            let unitless = try await cluster.kai(["--policy", policy.path, "list pods"])
            #expect(unitless.status == 2 && unitless.stderr.contains("maxMemory"), "\(unitless.stderr)")
            #expect(try await cluster.field("frontend", "{.spec.template.spec.containers[0].resources.requests.cpu}") == "50m")
        }
    }

    @Test(arguments: [
        ("set backend memory limit to 512Mi", "todo-chatbot-backend", ["memoryLimit": "512Mi"]),
        ("give the frontend 250m cpu", "todo-chatbot-frontend", ["cpuRequest": "250m"]),
        ("raise postgres memory by half", "todo-chatbot-postgres", ["memoryRequest": "384Mi", "memoryLimit": "1536Mi"]),
    ])
    func phrasingsPlanSetResourcesWithThePreviousValuesAsUndo(_ request: String, _ deployment: String, _ arguments: [String: String]) async throws {
        let result = try await KaiProcess.plan([request, "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let steps = try result.json()["steps"] as? [[String: Any]] ?? []
        let step = try #require(steps.first)
        #expect(steps.count == 1 && step["op"] as? String == "setResources" && step["risk"] as? String == "disruptive")
        #expect((step["target"] as? [String: Any])?["name"] as? String == deployment)
        let args = step["args"] as? [String: String] ?? [:]
        for (key, value) in arguments { #expect(args[key] == value, "\(request): \(args)") }
        let undo = step["undo"] as? [String: Any]
        #expect(undo?["op"] as? String == "setResources")
        #expect(Set((undo?["args"] as? [String: String] ?? [:]).keys) == Set(args.keys))
    }

    @Test func removingTheAutoscalerIsUndoneByRecreatingItAsItWas() async throws {
        try await TestCluster.with { cluster in
            let result = try await cluster.kai(["--yes", "--allow-disruptive", "remove the backend autoscaler"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("removeAutoscaler todo-chatbot-backend: autoscaler 2 to 5 replicas at 70% CPU -> no autoscaler"))
            #expect(try await cluster.kubectl(["get", "hpa", "-o", "name"]).stdout.isEmpty)
            let undo = try await cluster.kai(["undo", "--yes"])
            #expect(undo.status == 0, "\(undo.stderr)")
            let hpa = try await cluster.kubectl(["get", "hpa", "todo-chatbot-backend", "-o",
                                                 "jsonpath={.spec.scaleTargetRef.name} {.spec.minReplicas} {.spec.maxReplicas} {.spec.metrics[0].resource.target.averageUtilization}"])
            #expect(hpa.stdout == "todo-chatbot-backend 2 5 70", "\(hpa.stdout) \(hpa.stderr)")
        }
    }

    @Test func autoscaleIsUndoneByRemovingTheAutoscalerItCreatedOrRestoringTheOneItEdited() async throws {
        try await TestCluster.with { cluster in
            #expect(try await cluster.kai(["--yes", "autoscale frontend from 1 to 3 at 60% cpu"]).status == 0)
            #expect(try await cluster.kubectl(["get", "hpa", "todo-chatbot-frontend", "-o", "name"]).status == 0)
            let plan = try await cluster.kai(["undo", "--yes"])
            #expect(plan.status == 3, "removing an autoscaler is disruptive: \(plan.stderr)")
            let undo = try await cluster.kai(["undo", "--yes", "--allow-disruptive"])
            #expect(undo.status == 0, "\(undo.stderr)")
            #expect(undo.stdout.contains("removeAutoscaler todo-chatbot-frontend"))
            #expect(try await cluster.kubectl(["get", "hpa", "todo-chatbot-frontend"]).status != 0)

            #expect(try await cluster.kai(["--yes", "autoscale backend from 3 to 6 at 60% cpu"]).status == 0)
            #expect(try await cluster.kai(["undo", "--yes"]).status == 0)
            let hpa = try await cluster.kubectl(["get", "hpa", "todo-chatbot-backend", "-o", "jsonpath={.spec.minReplicas} {.spec.maxReplicas}"])
            #expect(hpa.stdout == "2 5", "\(hpa.stdout)")
        }
    }

    @Test func theOOMDiagnosisOffersSetResourcesAndItsRequestEndsTheKills() async throws {
        try await TestCluster.with(faults: ["backend": .oom]) { cluster in
            let diagnosis = try await cluster.kai(["why is the backend failing"])
            #expect(diagnosis.status == 0, "\(diagnosis.stderr)")
            #expect(diagnosis.stdout.contains("fix 1: setResources deployment todo-chatbot/todo-chatbot-backend [disruptive]"), "\(diagnosis.stdout)")
            let ask = #"kai "set todo-chatbot-backend container backend memory limit to 768Mi""#
            #expect(diagnosis.stdout.contains(ask), "\(diagnosis.stdout)")
            let fix = try await cluster.kai(["--yes", "--allow-disruptive", "set todo-chatbot-backend container backend memory limit to 768Mi"])
            #expect(fix.status == 0, "\(fix.stdout) \(fix.stderr)")
            let rolledOut = fix.stdout.firstMatch(of: /rolled out: ([0-9]+) of ([0-9]+) replicas available/)
            #expect(rolledOut != nil && rolledOut?.output.1 == rolledOut?.output.2, "the autoscaler may move the count: \(fix.stdout)")
        }
    }

    @Test func resourceRecommendationsAreOfferedAsSetResources() async throws {
        try await TestCluster.with { cluster in
            let result = try await cluster.kai(["recommend cpu and memory limits for backend", "-o", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            let text = try await cluster.kai(["recommend cpu and memory limits for backend"])
            #expect(text.stdout.contains("fix 1: setResources deployment todo-chatbot/todo-chatbot-backend [disruptive]"), "\(text.stdout)")
            #expect(text.stdout.contains(#"ask for it: kai "set todo-chatbot-backend container backend cpu request to "#), "\(text.stdout)")
            #expect(result.stdout.contains(#""suggestion""#) && result.stdout.contains(#""op" : "setResources""#), "\(result.stdout)")
        }
    }
}

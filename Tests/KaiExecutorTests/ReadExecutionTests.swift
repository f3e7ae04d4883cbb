import Foundation
import KaiCore
@testable import KaiExecutor
import KaiKube
import KaiSandbox
import Testing

/// Every read operation of the catalog against the sandbox: each shows the cluster as it is.
@Suite("Executing reads")
struct ReadExecutionTests {
    func output(_ operation: CatalogOperation, _ cluster: ClusterHarness) async throws -> [String] {
        let report = await cluster.run([operation])
        let result = try #require(report.results.first)
        #expect(result.status == .succeeded, "\(operation.name): \(result.error ?? "")")
        #expect(try cluster.changes().isEmpty)
        return result.output
    }

    @Test(arguments: Transport.allCases) func everyReadOperationShowsTheClusterAsItIs(transport: Transport) async throws {
        try await ClusterHarness.with(transport) { cluster in
            let ns = cluster.namespace
            let backend = cluster.deployment("backend")

            let pods = try await output(.list(.init(kind: .pods, namespace: ns)), cluster)
            #expect(pods.first?.hasPrefix("NAME") == true)
            #expect(pods.filter { $0.contains("todo-chatbot-backend-") && $0.contains("Running") }.count == 2)

            let filtered = try await output(.list(.init(kind: .pods, namespace: ns, selector: try LabelSelector("app.kubernetes.io/component=frontend"),
                                                      fieldSelector: try FieldSelector("status.phase=Running"))), cluster)
            #expect(filtered.count == 2)

            let none = try await output(.list(.init(kind: .pods, namespace: ns, fieldSelector: try FieldSelector("status.phase=Failed"))), cluster)
            #expect(none == ["No pods in namespace todo-chatbot matching fields status.phase=Failed."])

            for kind in ResourceKind.allCases where kind != .pods {
                let table = try await output(.list(.init(kind: kind, namespace: ns)), cluster)
                #expect(!table.isEmpty, "list \(kind)")
            }
            #expect(try await output(.list(.init(kind: .deployments, namespace: ns)), cluster).contains { $0.hasPrefix("todo-chatbot-backend") && $0.contains("2/2") })
            #expect(try await output(.list(.init(kind: .hpa, namespace: ns)), cluster).contains { $0.contains("Deployment/todo-chatbot-backend") && $0.contains("cpu: 70%") })
            #expect(try await output(.list(.init(kind: .services, namespace: ns)), cluster).contains { $0.contains("NodePort") && $0.contains("30080") })

            let describe = try await output(.describe(.init(backend)), cluster)
            #expect(describe.contains("Name:          todo-chatbot-backend"))
            #expect(describe.contains { $0.hasPrefix("Autoscaler:") && $0.contains("2 to 5 replicas at 70% CPU") })
            #expect(describe.contains("Events:"))

            let podName = try #require(try await cluster.client.list(Pod.self, .pods, in: ns, labelSelector: "app.kubernetes.io/component=backend").items.first?.metadata.name)
            let describePod = try await output(.describe(.init(ObjectReference(kind: .pod, namespace: ns, name: podName))), cluster)
            #expect(describePod.contains { $0.contains("State:       Running") })
            #expect(describePod.contains { $0.hasPrefix("Controlled By: ReplicaSet/todo-chatbot-backend-") })

            let podLogs = try await output(.logs(.init(ObjectReference(kind: .pod, namespace: ns, name: podName), tail: try TailLines(5))), cluster)
            #expect((1...5).contains(podLogs.count))
            let deploymentLogs = try await output(.logs(.init(backend, tail: try TailLines(3))), cluster)
            #expect(deploymentLogs.allSatisfy { $0.hasPrefix("[todo-chatbot-backend-") })
            #expect(Set(deploymentLogs.map { $0.prefix(while: { $0 != "]" }) }).count == 2)

            let events = try await output(.events(.init(backend, namespace: ns)), cluster)
            #expect(events.first?.hasPrefix("LAST SEEN") == true)
            #expect(events.contains { $0.contains("ScalingReplicaSet") || $0.contains("Scheduled") })
            #expect(try await output(.events(.init(nil, namespace: ns)), cluster).count > 3)

            let status = try await output(.rolloutStatus(.init(backend)), cluster)
            #expect(status == ["Deployment todo-chatbot-backend rolled out: 2 of 2 replicas available."])

            let history = try await output(.rolloutHistory(.init(backend)), cluster)
            #expect(history.first?.hasPrefix("REVISION") == true)
            #expect(history.contains { $0.contains("(current)") })

            let resources = try await output(.resources(.init(backend, namespace: ns)), cluster)
            #expect(resources.first?.hasPrefix("WORKLOAD") == true)
            #expect(resources.contains { $0.hasPrefix("todo-chatbot-backend") && $0.contains("% of request") })

            let healthy = try await output(.diagnose(.init(backend, namespace: ns)), cluster)
            #expect(healthy.first == "Deployment todo-chatbot-backend is healthy: 2 of 2 pods ready, 0 restarts.")
        }
    }

    @Test func diagnoseNamesTheCrashLoopAndOffersOnlyTheFixesThePolicyAllows() async throws {
        try await ClusterHarness.with(faults: ["backend": .crashloop]) { cluster in
            try await cluster.waitForPods("backend") { $0.restarts > 0 }
            let step = PlannedStep(.diagnose(.init(cluster.deployment("backend"), namespace: cluster.namespace)))
            var executor = cluster.executor()
            executor.policy.disabledOperations = [.rollback]
            let report = await executor.run(Plan(request: "why is the backend failing", interpreter: .local, steps: [step]))
            let result = try #require(report.results.first)
            let finding = try #require(result.diagnosis?.findings.first)
            #expect(finding.reason == .crashLoopBackOff)
            #expect(finding.cause?.reason == .missingEnvironmentVariable)
            #expect(finding.fixes.map(\.operation.name) == [.restart])
            #expect(finding.advice.contains { $0.hasPrefix("kai could rollback todo-chatbot-backend here, but the policy refuses it") })
            #expect(result.output.first == "1 problem in deployment todo-chatbot-backend, root causes first:")
            #expect(result.output.contains("   fix 1: restart deployment todo-chatbot/todo-chatbot-backend [change] — Restart deployment todo-chatbot-backend: replace its pods (2 pods) one by one, as a rollout restart does."))
            #expect(try cluster.changes().isEmpty)
        }
    }

    @Test func resourcesRecommendValuesFromObservedUsage() async throws {
        try await ClusterHarness.with { cluster in
            let report = await cluster.run([.resources(.init(nil, namespace: cluster.namespace))])
            let resources = try #require(report.results.first?.resources)
            #expect(resources.containers.map(\.workload) == ["todo-chatbot-backend", "todo-chatbot-frontend", "todo-chatbot-postgres"])
            #expect(resources.containers.allSatisfy { $0.recommended != nil && $0.podsMeasured > 0 })
            #expect(resources.nodes.map(\.node) == ["kai-sandbox"])
            #expect(resources.autoscalers.map(\.autoscaler) == ["todo-chatbot-backend"])
            #expect(report.results.first?.output.contains("Recommended requests and limits:") == true)
        }
    }
}

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
        #expect(try cluster.audit.records().isEmpty)
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
            #expect(healthy.first?.hasPrefix("No sign of trouble in deployment todo-chatbot-backend: 2 pods, all ready") == true)
        }
    }

    @Test func diagnoseShowsTheEvidenceOfACrashLoop() async throws {
        try await ClusterHarness.with(faults: ["backend": .crashloop]) { cluster in
            // Wait (with a deadline) until the kubelet has let a container crash at least once.
            var lines: [String] = []
            let deadline = ContinuousClock.now + .seconds(30)
            repeat {
                let report = await cluster.run([.diagnose(.init(cluster.deployment("backend"), namespace: cluster.namespace))])
                lines = try #require(report.results.first).output
                if lines.contains(where: { $0.contains("last ended: Error") }) { break }
                try await Task.sleep(for: .milliseconds(100))
            } while ContinuousClock.now < deadline
            #expect(lines.first == "Evidence for deployment todo-chatbot-backend:")
            #expect(lines.contains { $0.contains("last ended: Error, exit code") || $0.contains("CrashLoopBackOff") })
        }
    }
}

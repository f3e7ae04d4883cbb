import Foundation
import Testing

/// The parts of a cluster beyond deployments, seen through kubectl: metrics, the autoscaler,
/// stateful sets and their claims.
@Suite("Metrics, autoscaling and stateful sets through kubectl", .serialized)
struct WorkloadTests {
    @Test func topShowsPlausibleUsagePerPodAndForTheNode() async throws {
        try await SandboxHarness.with { sandbox in
            try await sandbox.waitForRollouts()
            let pods = try await sandbox.eventually(["top", "pods"]) { $0.status == 0 && $0.stdout.components(separatedBy: "\n").count >= 5 }
            #expect(pods.stdout.contains("CPU(cores)"))
            let backend = pods.stdout.split(separator: "\n").first { $0.contains("todo-chatbot-backend") } ?? ""
            let columns = backend.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns.count == 3)
            let millicores = Int(columns.dropFirst().first?.dropLast() ?? "") ?? 0
            #expect((20...70).contains(millicores), "backend cpu \(backend)")
            #expect(columns.last?.hasSuffix("Mi") == true)
            let containers = try await sandbox.kubectl("top", "pods", "-l", "app.kubernetes.io/component=postgres", "--containers")
            #expect(containers.stdout.contains("postgres"))
            let node = try await sandbox.kubectl("top", "nodes")
            #expect(node.status == 0)
            #expect(node.stdout.contains("kai-sandbox"))
        }
    }

    @Test func theSeededAutoscalerReadsCPUAndHoldsTheBackendAtItsMinimum() async throws {
        try await SandboxHarness.with { sandbox in
            let hpa = try await sandbox.eventually(["get", "hpa", "todo-chatbot-backend"]) { $0.stdout.contains("/70%") && !$0.stdout.contains("unknown") }
            #expect(hpa.stdout.contains("Deployment/todo-chatbot-backend"))
            let described = try await sandbox.kubectl("describe", "hpa", "todo-chatbot-backend")
            #expect(described.stdout.contains("ValidMetricFound"))
            let replicas = try await sandbox.kubectl("get", "deploy", "todo-chatbot-backend", "-o", "jsonpath={.spec.replicas}")
            #expect(replicas.stdout == "2")
        }
    }

    @Test func anAutoscalerAboveItsTargetScalesTheDeploymentUp() async throws {
        try await SandboxHarness.with { sandbox in
            try await sandbox.waitForRollouts()
            // The frontend uses about 30% of its CPU request; a 10% target asks for three times the pods.
            #expect(try await sandbox.kubectl("autoscale", "deploy/todo-chatbot-frontend", "--min=1", "--max=3", "--cpu-percent=10").status == 0)
            let scaled = try await sandbox.eventually(["get", "deploy", "todo-chatbot-frontend", "-o", "jsonpath={.spec.replicas}"], seconds: 40) {
                $0.stdout == "3"
            }
            #expect(scaled.stdout == "3")
            let events = try await sandbox.kubectl("get", "events", "--field-selector", "reason=SuccessfulRescale")
            #expect(events.stdout.contains("New size: 3; reason: cpu resource utilization (percentage of request) above target"))
            let hpa = try await sandbox.eventually(["describe", "hpa", "todo-chatbot-frontend"]) { $0.stdout.contains("TooManyReplicas") }
            #expect(hpa.stdout.contains("TooManyReplicas"))
        }
    }

    @Test func aStatefulSetStartsItsPodsInOrderWithTheirOwnClaimsAndScalesDownFromTheTop() async throws {
        try await SandboxHarness.with(empty: true) { sandbox in
            let manifest = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: default}
            spec:
              serviceName: db
              replicas: 3
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: pg, image: "postgres:16.4-alpine", resources: {requests: {cpu: 50m, memory: 64Mi}}}]
              volumeClaimTemplates:
              - metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kai-sts-\(UUID().uuidString).yaml")
            try manifest.write(to: directory, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(try await sandbox.kubectl("apply", "-f", directory.path).status == 0)
            let status = try await sandbox.kubectl("rollout", "status", "sts/db", "-n", "default", "--timeout=60s")
            #expect(status.status == 0, "\(status.stderr)")
            let pods = try await sandbox.kubectl("get", "pods", "-n", "default", "-l", "app=db", "-o", "jsonpath={.items[*].metadata.name}")
            #expect(pods.stdout == "db-0 db-1 db-2")
            let claims = try await sandbox.kubectl("get", "pvc", "-n", "default", "-o", "jsonpath={range .items[*]}{.metadata.name}={.status.phase} {end}")
            #expect(claims.stdout == "data-db-0=Bound data-db-1=Bound data-db-2=Bound ")
            // Ordered: each pod was created only after the one before it was ready.
            let events = try await sandbox.kubectl("get", "events", "-n", "default", "--sort-by=.firstTimestamp",
                                                   "--field-selector", "involvedObject.kind=StatefulSet,reason=SuccessfulCreate",
                                                   "-o", "jsonpath={range .items[*]}{.message}|{end}")
            let created = events.stdout.split(separator: "|").filter { $0.hasPrefix("create Pod") }
            #expect(created == ["create Pod db-0 in StatefulSet db successful", "create Pod db-1 in StatefulSet db successful",
                                "create Pod db-2 in StatefulSet db successful"])
            #expect(try await sandbox.kubectl("scale", "sts/db", "-n", "default", "--replicas=1").status == 0)
            let remaining = try await sandbox.eventually(["get", "pods", "-n", "default", "-l", "app=db", "-o", "jsonpath={.items[*].metadata.name}"]) {
                $0.stdout == "db-0"
            }
            #expect(remaining.stdout == "db-0")
            // Claims outlive their pods, as on a real cluster.
            let kept = try await sandbox.kubectl("get", "pvc", "-n", "default", "-o", "name")
            #expect(kept.stdout.split(separator: "\n").count == 3)
        }
    }
}

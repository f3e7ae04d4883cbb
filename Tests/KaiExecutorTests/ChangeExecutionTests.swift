import Foundation
import KaiCore
@testable import KaiExecutor
import KaiKube
import KaiSandbox
import Testing

/// Every change in the catalog, run by the executor against the sandbox, with the cluster's
/// state checked afterwards through the API and the audit log read back.
@Suite("Executing changes", .serialized)
struct ChangeExecutionTests {
    @Test(arguments: Transport.allCases) func scaleReportsBeforeAfterFollowsTheRolloutAndRecordsItsInverse(transport: Transport) async throws {
        try await ClusterHarness.with(transport) { cluster in
            let report = await cluster.run([.scale(.init(cluster.deployment("frontend"), replicas: try ReplicaCount(3)))])
            let result = try #require(report.results.first)
            #expect(result.status == .succeeded)
            #expect(result.change == "replicas 1 -> 3")
            guard case .complete(let message) = result.rollout else { Issue.record("rollout: \(String(describing: result.rollout))"); return }
            #expect(message.contains("3 of 3 replicas available"))
            let frontend = try await cluster.read("frontend")
            #expect(frontend.spec.replicas == 3)
            #expect(frontend.status?.readyReplicas == 3)
            let change = try #require(try cluster.changes().last)
            let record = change.record
            #expect(record.operation.op == "scale")
            #expect(record.before == "replicas 1")
            #expect(record.after == "replicas 3")
            #expect(record.outcome == AuditRecord.pending)
            #expect(change.outcome == .applied)
            #expect(change.rollout == "complete")
            #expect(record.undo?.args["replicas"] == .int(1))
            #expect(record.user == "kai-sandbox")
            #expect(record.server.hasPrefix(transport.rawValue + "://127.0.0.1:"))
            #expect(record.localUser == "tester")
            #expect(record.request == "test plan")
        }
    }

    @Test func scaleToTheCurrentCountSendsNothingAndRecordsNothing() async throws {
        try await ClusterHarness.with { cluster in
            let report = await cluster.run([.scale(.init(cluster.deployment("frontend"), replicas: try ReplicaCount(1)))])
            #expect(report.results.first?.status == .unchanged)
            #expect(try cluster.changes().isEmpty)
        }
    }

    @Test func scaleUnderAnAutoscalerSaysTheAutoscalerMayChangeIt() async throws {
        try await ClusterHarness.with { cluster in
            let plan = Plan(request: "scale", interpreter: .local, steps: [PlannedStep(.scale(.init(cluster.deployment("backend"), replicas: try ReplicaCount(8))))])
            var executor = cluster.executor()
            executor.followRollouts = false
            let report = await executor.run(plan)
            let notes = report.results.first?.notes ?? []
            #expect(notes.contains { $0.contains("will move it back") })
        }
    }

    @Test(arguments: Transport.allCases) func restartReplacesEveryPodThroughANewRevision(transport: Transport) async throws {
        try await ClusterHarness.with(transport) { cluster in
            let before = try await cluster.read("frontend")
            let report = await cluster.run([.restart(.init(cluster.deployment("frontend")))])
            let result = try #require(report.results.first)
            #expect(result.status == .succeeded)
            guard case .complete = result.rollout else { Issue.record("rollout: \(String(describing: result.rollout))"); return }
            let after = try await cluster.read("frontend")
            #expect(after.spec.template.metadata?.annotations?["kubectl.kubernetes.io/restartedAt"] != nil)
            #expect((after.revision ?? 0) == (before.revision ?? 0) + 1)
            #expect(result.change == "revision \(before.revision ?? 0) -> \((before.revision ?? 0) + 1) (restarted at \(after.spec.template.metadata?.annotations?["kubectl.kubernetes.io/restartedAt"] ?? ""))")
        }
    }

    @Test(arguments: Transport.allCases) func setImageThenRollbackPutsThePreviousImageBack(transport: Transport) async throws {
        try await ClusterHarness.with(transport) { cluster in
            let original = try await cluster.read("backend").containers.first?.image
            let image = try ImageReference("todo-backend:1.2.0")
            let report = await cluster.run([.setImage(.init(cluster.deployment("backend"), image: image))])
            #expect(report.results.first?.status == .succeeded)
            #expect(report.results.first?.change == "image \(original ?? "") -> todo-backend:1.2.0")
            #expect(try await cluster.read("backend").containers.first?.image == "todo-backend:1.2.0")
            let undo = try #require(try cluster.changes().last?.record.undo)
            #expect(undo.op == "setImage")
            #expect(undo.args["image"] == .string(original ?? ""))

            let rollback = await cluster.run([.rollback(.init(cluster.deployment("backend")))])
            let result = try #require(rollback.results.first)
            #expect(result.status == .succeeded)
            guard case .complete = result.rollout else { Issue.record("rollout: \(String(describing: result.rollout))"); return }
            let backend = try await cluster.read("backend")
            #expect(backend.containers.first?.image == original)
            #expect(result.before?.contains("todo-backend:1.2.0") == true)
            #expect(try cluster.changes().last?.record.undo?.op == "rollback")
        }
    }

    @Test func rollbackToARevisionThatDoesNotExistNamesTheOnesThatDo() async throws {
        try await ClusterHarness.with { cluster in
            let report = await cluster.run([.rollback(.init(cluster.deployment("backend"), revision: try Revision(42)))])
            let result = try #require(report.results.first)
            #expect(result.status == .failed)
            #expect(result.error?.contains("has no revision 42; it has revisions") == true)
            #expect(try cluster.changes().isEmpty)
        }
    }

    @Test func imageThatCannotBePulledFailsTheStepAndStopsThePlan() async throws {
        try await ClusterHarness.with { cluster in
            let report = await cluster.run([
                .setImage(.init(cluster.deployment("frontend"), image: try ImageReference("todo-frontend:9.9.9"))),
                .scale(.init(cluster.deployment("backend"), replicas: try ReplicaCount(3))),
            ])
            let first = try #require(report.results.first)
            #expect(first.status == .failed)
            guard case .failed(let reason, let message) = first.rollout else { Issue.record("rollout: \(String(describing: first.rollout))"); return }
            #expect(["ErrImagePull", "ImagePullBackOff"].contains(reason))
            #expect(message.contains("todo-chatbot-frontend-"))
            #expect(report.results.last?.status == .notRun)
            #expect(try await cluster.read("backend").spec.replicas == 2)
            let change = try #require(try cluster.changes().last)
            #expect(change.outcome == .applied)
            #expect(change.rollout == "failed")
        }
    }

    @Test func crashLoopingPodsFailARestart() async throws {
        try await ClusterHarness.with(faults: ["frontend": .crashloop]) { cluster in
            let report = await cluster.run([.restart(.init(cluster.deployment("frontend")))])
            guard case .failed(let reason, _) = report.results.first?.rollout else {
                Issue.record("rollout: \(String(describing: report.results.first?.rollout))")
                return
            }
            #expect(reason == "CrashLoopBackOff")
        }
    }

    @Test func rolloutThatOutlastsTheDeadlineIsReportedAsTimedOut() async throws {
        try await ClusterHarness.with { cluster in
            let report = await cluster.run([.scale(.init(cluster.deployment("frontend"), replicas: try ReplicaCount(4)))],
                                           rolloutTimeout: .milliseconds(100))
            let result = try #require(report.results.first)
            guard case .timedOut(let message) = result.rollout else { Issue.record("rollout: \(String(describing: result.rollout))"); return }
            #expect(message.contains("did not finish rolling out within 100 ms"))
            #expect(result.status == .failed)
            #expect(try cluster.changes().last?.rollout == "timedOut")
        }
    }

    @Test(arguments: Transport.allCases) func autoscaleUpdatesTheExistingAutoscalerOrCreatesOne(transport: Transport) async throws {
        try await ClusterHarness.with(transport) { cluster in
            let bounds = try AutoscaleBounds(min: ReplicaCount(3), max: ReplicaCount(6), cpuPercent: 60)
            let report = await cluster.run([
                .autoscale(.init(cluster.deployment("backend"), bounds: bounds)),
                .autoscale(.init(cluster.deployment("frontend"), bounds: bounds)),
            ])
            #expect(report.results.map(\.status) == [.succeeded, .succeeded])
            #expect(report.results.first?.change == "autoscaler 2 to 5 replicas at 70% CPU -> 3 to 6 replicas at 60% CPU")
            #expect(report.results.last?.before == "no autoscaler")
            let autoscalers = try await cluster.client.list(Autoscaler.self, .autoscalers, in: cluster.namespace).items
            let frontend = try #require(autoscalers.first { $0.targets("todo-chatbot-frontend") })
            #expect(frontend.minReplicas == 3 && frontend.spec.maxReplicas == 6 && frontend.cpuPercent == 60)
            let backend = try #require(autoscalers.first { $0.targets("todo-chatbot-backend") })
            #expect(backend.minReplicas == 3 && backend.spec.maxReplicas == 6 && backend.cpuPercent == 60)
            let records = try cluster.changes().map(\.record)
            #expect(records.first?.undo?.op == "autoscale")
            #expect(records.last?.undo?.op == "removeAutoscaler" && records.last?.irreversible == nil)
        }
    }

    @Test(arguments: Transport.allCases) func deletePodIsReplacedByItsDeployment(transport: Transport) async throws {
        try await ClusterHarness.with(transport) { cluster in
            let pods = try await cluster.client.list(Pod.self, .pods, in: cluster.namespace, labelSelector: "app.kubernetes.io/component=frontend").items
            let victim = try #require(pods.first).metadata.name
            let report = await cluster.run([.deletePod(.init(ObjectReference(kind: .pod, namespace: cluster.namespace, name: victim)))])
            #expect(report.results.first?.status == .succeeded)
            guard case .complete = report.results.first?.rollout else { Issue.record("rollout"); return }
            let after = try await cluster.client.list(Pod.self, .pods, in: cluster.namespace, labelSelector: "app.kubernetes.io/component=frontend").items
            #expect(!after.contains { $0.metadata.name == victim })
            #expect(after.filter(\.isReady).count == 1)
            #expect(try cluster.changes().last?.record.irreversible != nil)
        }
    }

    @Test func changeThatCannotBeAuditedIsNotMade() async throws {
        try await ClusterHarness.with { cluster in
            let blocked = FileManager.default.temporaryDirectory.appendingPathComponent("kai-blocked-\(UUID().uuidString)")
            try Data().write(to: blocked)
            defer { try? FileManager.default.removeItem(at: blocked) }
            let executor = Executor(client: cluster.client, audit: AuditLog(path: blocked.path + "/audit.jsonl"),
                                    context: AuditContext(endpoint: cluster.client.endpoint), rolloutTimeout: .seconds(30))
            let plan = Plan(request: "scale", interpreter: .local,
                            steps: [PlannedStep(.scale(.init(cluster.deployment("frontend"), replicas: try ReplicaCount(2))))])
            let result = try #require(await executor.run(plan).results.first)
            #expect(result.status == .failed)
            #expect(result.recorded == false)
            #expect(result.error?.contains("Nothing was changed: kai records a change before making it") == true)
            #expect(try await cluster.read("frontend").spec.replicas == 1)
        }
    }

    @Test func undoProposesTheInverseOfTheLastChangeAndWalksBack() async throws {
        try await ClusterHarness.with { cluster in
            _ = await cluster.run([.scale(.init(cluster.deployment("frontend"), replicas: try ReplicaCount(2)))])
            _ = await cluster.run([.scale(.init(cluster.deployment("frontend"), replicas: try ReplicaCount(3)))])
            let proposal = try await cluster.proposeUndo()
            guard case .scale(let scale) = proposal.plan.steps.first?.operation else { Issue.record("not a scale"); return }
            #expect(scale.replicas.value == 2)
            #expect(proposal.drift == nil)
            let report = await cluster.executor().run(proposal.plan, undoes: proposal.change.record.id)
            #expect(report.succeeded)
            #expect(try await cluster.read("frontend").spec.replicas == 2)
            #expect(try cluster.changes().last?.record.undoes == proposal.change.record.id)

            let next = try await cluster.proposeUndo()
            guard case .scale(let earlier) = next.plan.steps.first?.operation else { Issue.record("not a scale"); return }
            #expect(earlier.replicas.value == 1)
        }
    }
}

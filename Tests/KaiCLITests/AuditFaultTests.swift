import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// The audit log under faults, through the binary: every change that may have happened is
/// recorded once, before its write, and settled with the outcome kai knows; the log parses line
/// by line after each.
@Suite("Audit log under faults, through the binary", .serialized)
struct AuditFaultTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalWhileFollowingARolloutRecordsTheChangeAsAppliedNotFollowed(signal: Int32) async throws {
        try await TestCluster.with(faults: ["frontend": .pending]) { cluster in
            let kai = try cluster.start(["--yes", "scale frontend to 3"])
            try await cluster.wait(for: "the scale to be applied") {
                cluster.audit.changes.count == 1 ? try await cluster.field("frontend") == "3" : false
            }
            if signal == SIGINT { kai.interrupt() } else { kai.terminate() }
            let result = await kai.finish()
            #expect(result.status == 128 + signal, "\(result.stderr)")
            #expect(result.stderr.contains("what was sent is recorded"))
            let audit = cluster.audit
            #expect(audit.parses)
            #expect(audit.changes.count == 1)
            #expect(audit.changes("appliedNotFollowed").count == 1)
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalWhileTheWriteAwaitsItsAnswerRecordsTheChangeAsUnknown(signal: Int32) async throws {
        try await TestCluster.with { direct in
            // The server applies the scale at once; its answer is held back until long after the signal.
            let (cluster, proxy) = try direct.behindProxy(.delay(seconds: 90)) { method, path in method == "PUT" && path.contains("/scale") }
            defer { proxy.stop() }
            let kai = try cluster.start(["--yes", "--request-timeout", "60", "scale frontend to 3"])
            try await direct.wait(for: "the scale to reach the server") {
                proxy.fired == 1 && cluster.audit.changes.count == 1 ? try await direct.field("frontend") == "3" : false
            }
            if signal == SIGINT { kai.interrupt() } else { kai.terminate() }
            let result = await kai.finish()
            #expect(result.status == 128 + signal, "\(result.stderr)")
            #expect(result.stderr.contains("what was sent is recorded"), "\(result.stderr)")
            let audit = cluster.audit
            #expect(audit.parses)
            #expect(audit.changes.count == 1)
            #expect(audit.changes("unknown").count == 1, "the write was sent and its answer never came")
            let listed = try await direct.kai(["undo", "--list"])
            #expect(listed.stdout.contains("scale todo-chatbot-frontend  replicas 1 -> replicas 3  unknown"), "\(listed.stdout)")
        }
    }

    @Test func aSignalDuringARunbookRecordsTheChangeItSentAndRunsNoMore() async throws {
        try await TestCluster.with(faults: ["frontend": .pending]) { cluster in
            let runbook = cluster.state.deletingLastPathComponent().appendingPathComponent("runbook.yaml")
            try """
            name: interrupted
            steps:
              - op: scale
                target: frontend
                replicas: 3
              - op: restart
                target: backend
            """.write(to: runbook, atomically: true, encoding: .utf8)
            let kai = try cluster.start(["run", runbook.path, "--yes"])
            try await cluster.wait(for: "the scale to be applied") {
                cluster.audit.changes.count == 1 ? try await cluster.field("frontend") == "3" : false
            }
            kai.terminate()
            let result = await kai.finish()
            #expect(result.status == 128 + SIGTERM, "\(result.stderr)")
            #expect(result.stderr.contains("what was sent is recorded"))
            let audit = cluster.audit
            #expect(audit.parses)
            #expect(audit.changes.count == 1, "the restart after the interrupted step must not run")
            #expect(audit.changes("appliedNotFollowed").count == 1)
        }
    }

    @Test func aLostWriteResponseIsRecordedAsUnknownAndUndoReadsTheClusterFirst() async throws {
        try await TestCluster.with { direct in
            let (cluster, proxy) = try direct.behindProxy(.dropResponse) { method, path in method == "PUT" && path.contains("/scale") }
            defer { proxy.stop() }
            let lost = try await cluster.kai(["--yes", "--request-timeout", "3", "scale frontend to 3"])
            #expect(lost.status == 5, "\(lost.stderr)")
            #expect(proxy.fired == 1)
            #expect(lost.stdout.contains("kai cannot tell whether the change was made"))
            #expect(try await cluster.field("frontend") == "3")
            #expect(cluster.audit.parses && cluster.audit.changes("unknown").count == 1 && cluster.audit.changes.count == 1)

            let listed = try await cluster.kai(["undo", "--list"])
            #expect(listed.stdout.contains("scale todo-chatbot-frontend  replicas 1 -> replicas 3  unknown"))
            let undo = try await cluster.kai(["undo", "--yes"])
            #expect(undo.status == 0, "\(undo.stderr)")
            #expect(undo.stderr.contains("the cluster shows it was (now replicas 3)"))
            #expect(try await cluster.field("frontend") == "1")
            #expect(cluster.audit.parses && cluster.audit.changes("applied").count == 1 && cluster.audit.changes.count == 2)
        }
    }

    @Test func aResetAfterTheServerAnsweredIsRecordedAsUnknown() async throws {
        try await TestCluster.with { direct in
            let (cluster, proxy) = try direct.behindProxy(.reset) { method, path in method == "PUT" && path.contains("/scale") }
            defer { proxy.stop() }
            let reset = try await cluster.kai(["--yes", "scale frontend to 2"])
            #expect(reset.status == 5, "\(reset.stderr)")
            #expect(try await cluster.field("frontend") == "2")
            #expect(cluster.audit.parses && cluster.audit.changes("unknown").count == 1)
        }
    }

    @Test func aClusterLostWhileFollowingExitsFiveAndRecordsAppliedNotFollowed() async throws {
        try await TestCluster.with(faults: ["frontend": .pending]) { direct in
            let (cluster, proxy) = try direct.behindProxy()
            let kai = try cluster.start(["--yes", "--request-timeout", "5", "scale frontend to 3"])
            try await direct.wait(for: "the scale to be applied") {
                cluster.audit.changes.count == 1 ? try await direct.field("frontend") == "3" : false
            }
            proxy.cutOff()
            let result = await kai.finish()
            #expect(result.status == 5, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("its rollout could not be followed"))
            #expect(cluster.audit.parses && cluster.audit.changes("appliedNotFollowed").count == 1)
        }
    }

    @Test(arguments: ["truncated", "garbage"])
    func aDamagedLastLineDoesNotSwallowTheNextRecordAndIsReported(damage: String) async throws {
        try await TestCluster.with { cluster in
            #expect(try await cluster.kai(["--yes", "--no-wait", "scale frontend to 2"]).status == 0)
            let path = cluster.state.appendingPathComponent("kai/audit.jsonl")
            var text = try String(contentsOf: path, encoding: .utf8)
            if damage == "truncated" { text.removeLast(25) } else { text += #"{"id": "half a rec"# }
            try text.write(to: path, atomically: true, encoding: .utf8)
            let damagedLine = damage == "truncated" ? 2 : 3

            let next = try await cluster.kai(["--yes", "--no-wait", "scale frontend to 3"])
            #expect(next.status == 0, "\(next.stderr)")
            let audit = cluster.audit
            #expect(audit.lines.count == damagedLine + 2)
            #expect(audit.lines.enumerated().allSatisfy { ($0.element == nil) == ($0.offset + 1 == damagedLine) })
            #expect(audit.changes("applied").count == (damage == "truncated" ? 1 : 2))

            let history = try await cluster.kai(["undo", "--list"])
            #expect(history.stdout.contains("line \(damagedLine) ("), "\(history.stdout)")
            let doctor = try await cluster.kai(["doctor"])
            #expect(doctor.stdout.contains("line \(damagedLine)"), "\(doctor.stdout)")
            let undo = try await cluster.kai(["undo", "--yes"])
            #expect(undo.status == 0, "\(undo.stderr)")
            #expect(undo.stderr.contains("line \(damagedLine) ("))
            #expect(try await cluster.field("frontend") == "2")
        }
    }

    @Test func twentyParallelRestartsMakeOneRecordPerRealChange() async throws {
        try await TestCluster.with { cluster in
            let before = Int(try await cluster.field("postgres", "{.metadata.generation}")) ?? 0
            let runs = try (0..<20).map { _ in try cluster.start(["--yes", "--no-wait", "--request-timeout", "120", "restart postgres"]) }
            var statuses: [Int32] = []
            for run in runs { statuses.append(await run.finish().status) }
            let after = Int(try await cluster.field("postgres", "{.metadata.generation}")) ?? 0
            let audit = cluster.audit
            #expect(audit.parses)
            // Each real rollout (a new generation) has exactly one record saying it was applied;
            // each lost race has one saying it failed (409) and exited 1.
            #expect(audit.changes("applied").count == after - before)
            #expect(audit.changes("applied").count == statuses.filter { $0 == 0 }.count)
            #expect(audit.changes("failed").count == statuses.filter { $0 == 1 }.count)
            #expect(audit.changes.count == audit.changes("applied").count + audit.changes("failed").count + audit.changes("unknown").count)
            #expect(after > before)
            #expect(statuses.allSatisfy { [0, 1, 5].contains($0) }, "\(statuses)")
        }
    }
}

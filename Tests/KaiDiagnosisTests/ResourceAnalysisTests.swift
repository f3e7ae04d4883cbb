import Foundation
@testable import KaiDiagnosis
import KaiKube
import Testing

/// Recommended requests and limits from observed usage, node and autoscaler headroom, on values.
@Suite struct ResourceAnalysisTests {
    @Test func recommendationsFollowThePeakTheAutoscalerTargetAndNameTheValuesKeys() throws {
        let report = ResourceAnalysis.report(try StackFixture().evidence())
        let backend = try #require(report.containers.first { $0.workload == "todo-chatbot-backend" })
        #expect(backend.podsMeasured == 2)
        #expect(backend.peakUsage == Amounts(cpu: 0.042, memory: 150 * 1_048_576))
        let recommended = try #require(backend.recommended)
        // 42m at the autoscaler's 70% target is 60m; 150Mi plus 20% is 180Mi, rounded up to 192Mi; plus 50% is 225Mi -> 256Mi.
        #expect(recommended.values.map { "\($0.key)=\($0.value)" } == [
            "backend.resources.requests.cpu=60m", "backend.resources.requests.memory=192Mi",
            "backend.resources.limits.cpu=150m", "backend.resources.limits.memory=256Mi",
        ])
        #expect(recommended.reasoning.first?.contains("70% target") == true)
        let frontend = try #require(report.containers.first { $0.workload == "todo-chatbot-frontend" }?.recommended)
        // No autoscaler: 42m plus 25% is 52.5m, rounded up to 55m.
        #expect(frontend.requests.cpu.map(Quantity.millicores) == "55m")
    }

    @Test func anOOMKilledContainerGetsAtLeastHalfAgainItsLimit() throws {
        var stack = StackFixture()
        stack.crashLoop("backend", reason: "OOMKilled", exitCode: 137)
        stack.metrics = [["metadata": ["name": .string(StackFixture.pod("backend", 0))],
                          "containers": [["name": "backend", "usage": ["cpu": "90m", "memory": "500Mi"]]]]]
        let backend = try #require(ResourceAnalysis.report(try stack.evidence("backend")).containers.first)
        #expect(backend.oomKilled)
        #expect(backend.recommended?.limits.memory.map(Quantity.mebibytes) == "768Mi")
    }

    @Test func headroomCountsRequestsOnTheNodeAndWhatTheAutoscalerMayAdd() throws {
        let report = ResourceAnalysis.report(try StackFixture().evidence())
        #expect(report.nodes == [NodeHeadroom(node: "minikube", allocatable: Amounts(cpu: 2, memory: 4096 * 1_048_576),
                                               requested: Amounts(cpu: 0.4, memory: 1024 * 1_048_576), pods: 4)])
        let autoscaler = try #require(report.autoscalers.first)
        #expect((autoscaler.current, autoscaler.max) == (2, 5))
        #expect(autoscaler.extraRequests.cpu.map(Quantity.millicores) == "300m")
        #expect(autoscaler.fits == true)
    }

    @Test func withoutMetricsThereIsNoRecommendationAndTheReportSaysWhy() throws {
        var stack = StackFixture()
        stack.metrics = nil
        stack.unreadable = ["pod metrics: not served by this cluster"]
        let report = ResourceAnalysis.report(try stack.evidence("frontend"))
        #expect(report.containers.map(\.recommended) == [nil])
        #expect(report.notes.contains { $0.contains("metrics-server") })
    }
}

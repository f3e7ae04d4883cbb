import KaiCore
@testable import KaiDiagnosis
import Testing

/// Suggested fixes: numbered across findings, withheld when the policy refuses them, and each
/// with a request that plans the same operation.
@Suite struct FixTests {
    @Test func refusedFixesBecomeAdviceWithTheReason() throws {
        var stack = StackFixture()
        stack.crashLoop("backend", previousLog: CrashAnalyzerTests.missingVariable)
        var diagnosis = try stack.diagnose("backend")
        #expect(diagnosis.fixes.map(\.step.operation.name) == [.rollback, .restart])
        diagnosis.withholdFixes { $0.operation.name == .rollback ? "The operation rollback is switched off." : nil }
        #expect(diagnosis.fixes.map(\.step.operation.name) == [.restart])
        #expect(diagnosis.findings[0].advice.last == "kai could rollback todo-chatbot-backend here, but the policy refuses it: The operation rollback is switched off.")
    }

    @Test func everyFixHasARequestInWords() throws {
        let backend = ObjectReference(kind: .deployment, namespace: "todo-chatbot", name: "todo-chatbot-backend")
        let bounds = try AutoscaleBounds(min: ReplicaCount(2), max: ReplicaCount(7), cpuPercent: 70)
        #expect(FixPhrase.request(for: .rollback(.init(backend))) == "roll back todo-chatbot-backend")
        #expect(FixPhrase.request(for: .restart(.init(backend))) == "restart todo-chatbot-backend")
        #expect(FixPhrase.request(for: .scale(.init(backend, replicas: try ReplicaCount(1)))) == "scale todo-chatbot-backend to 1")
        #expect(FixPhrase.request(for: .autoscale(.init(backend, bounds: bounds))) == "autoscale todo-chatbot-backend from 2 to 7 at 70% cpu")
        #expect(FixPhrase.request(for: .diagnose(.init(backend, namespace: "todo-chatbot"))) == nil)
    }
}

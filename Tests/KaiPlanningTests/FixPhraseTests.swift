import KaiCore
import KaiDiagnosis
import KaiPlanning
import KaiSandbox
import Testing

/// A suggested fix is asked for in words (one-shot) or by /fix (the REPL plans the same words):
/// each phrase must plan exactly the fix's operation, through the same grammar, resolver and policy.
@Suite struct FixPhraseTests {
    @Test func everyFixPhrasePlansItsOperation() throws {
        let planner = Planner(snapshot: TodoStackSeed.snapshot(), policy: .defaults)
        let backend = ObjectReference(kind: .deployment, namespace: TodoStackSeed.namespace, name: "todo-chatbot-backend")
        let frontend = ObjectReference(kind: .deployment, namespace: TodoStackSeed.namespace, name: "todo-chatbot-frontend")
        let fixes: [CatalogOperation] = [
            .rollback(.init(backend)), .rollback(.init(backend, revision: try Revision(1))), .restart(.init(backend)),
            .scale(.init(frontend, replicas: try ReplicaCount(1))), .scale(.init(backend, replicas: try ReplicaCount(4))),
            .autoscale(.init(backend, bounds: try AutoscaleBounds(min: ReplicaCount(2), max: ReplicaCount(7), cpuPercent: 70))),
        ]
        for fix in fixes {
            let request = try #require(FixPhrase.request(for: fix))
            #expect(try planner.plan(request).steps.map(\.operation) == [fix], "\(request)")
        }
    }
}

import KaiCore
import KaiRunbook
import Testing

/// Reading runbook files: the four kinds of step, and schema errors that name the file, line and step.
@Suite("runbook files")
struct RunbookFileTests {
    let path = "runbooks/test.yaml"

    func error(_ text: String) throws -> RunbookError {
        try #require(throws: RunbookError.self) { try RunbookFile.parse(text, path: path) }
    }

    @Test func readsEveryKindOfStepWithItsLine() throws {
        let runbook = try RunbookFile.parse("""
            name: demo
            description: A demo.
            steps:
              - check: {target: postgres, readyReplicas: ">= 1"}
              - op: scale
                target: backend
                replicas: 3
              - ask: restart the frontend
              - wait: {rollout: backend, timeout: 2m}
            """, path: path)
        #expect(runbook.name == "demo")
        #expect(runbook.description == "A demo.")
        #expect(runbook.steps.map(\.number) == [1, 2, 3, 4])
        #expect(runbook.steps.map(\.line) == [4, 5, 8, 9])
        guard case .check(let target, let conditions) = runbook.steps[0].action else { Issue.record("not a check"); return }
        #expect(target.words == ["postgres"])
        #expect(conditions == [ReplicaCondition(field: .readyReplicas, comparator: .atLeast, value: 1)])
        guard case .operation(let draft) = runbook.steps[1].action else { Issue.record("not an operation"); return }
        #expect(draft.operation == .scale)
        #expect(draft.replicas == .exactly(try ReplicaCount(3)))
        #expect(runbook.steps[2].action == .ask("restart the frontend"))
        #expect(runbook.steps[3].action == .wait(rollout: TargetPhrase(words: ["backend"]), timeout: .seconds(120)))
    }

    @Test func readsEveryArgumentName() throws {
        let runbook = try RunbookFile.parse("""
            name: args
            steps:
              - {op: setImage, target: backend, container: backend, image: "todo-backend:1.2.0"}
              - {op: rollback, target: frontend, revision: 1}
              - {op: autoscale, target: backend, min: 2, max: 5, cpuPercent: 70}
              - {op: logs, target: backend, tail: 50, since: 10m, previous: true}
              - {op: list, kind: pods, selector: "app.kubernetes.io/component=backend", fieldSelector: "status.phase!=Running"}
            """, path: path)
        let drafts = runbook.steps.compactMap { step -> DraftStep? in
            if case .operation(let draft) = step.action { draft } else { nil }
        }
        #expect(drafts.count == 5)
        #expect(drafts[0].image?.description == "todo-backend:1.2.0")
        #expect(drafts[0].container?.value == "backend")
        #expect(drafts[1].revision?.value == 1)
        #expect(drafts[2].autoscale?.cpuPercent == 70)
        #expect(drafts[2].autoscale?.max.value == 5)
        #expect(drafts[3].tail?.value == 50)
        #expect(drafts[3].since?.seconds == 600)
        #expect(drafts[3].previous)
        #expect(drafts[4].kind == .pods)
        #expect(drafts[4].fieldSelector?.text == "status.phase!=Running")
    }

    @Test func comparisonsReadEveryOperator() throws {
        let cases: [(String, ReplicaCondition.Comparator, Int)] = [(">= 2", .atLeast, 2), ("<=3", .atMost, 3), ("== 1", .equal, 1),
                                                                    ("> 0", .above, 0), ("< 4", .below, 4), ("2", .equal, 2)]
        for (text, comparator, value) in cases {
            let condition = try ReplicaCondition(field: .replicas, text: text)
            #expect(condition.comparator == comparator)
            #expect(condition.value == value)
        }
        #expect(try ReplicaCondition(field: .readyReplicas, text: ">= 2").holds(for: 2))
        #expect(!(try ReplicaCondition(field: .readyReplicas, text: "> 2").holds(for: 2)))
        #expect(throws: ValueError.self) { try ReplicaCondition(field: .replicas, text: "about 2") }
    }

    @Test func anUnknownKeyNamesFileLineStepAndTheAllowedKeys() throws {
        let error = try error("""
            name: bad
            steps:
              - op: restart
                target: backend
              - op: scale
                target: backend
                replica: 3
            """)
        #expect(error.category == .usage)
        #expect(error.line == 7)
        #expect(error.step == 2)
        #expect(error.problem.contains("Runbook runbooks/test.yaml, line 7, step 2"))
        #expect(error.problem.contains("\"replica\" is not a key of op: scale"))
        #expect(error.remedy.contains("replicas"))
    }

    @Test func twoKindsInOneStepAreRefused() throws {
        let error = try error("""
            name: bad
            steps:
              - ask: restart the backend
                wait: {rollout: backend}
            """)
        #expect(error.step == 1)
        #expect(error.line == 3)
        #expect(error.problem.contains("the step has ask or wait; a step is exactly one kind"))
    }

    @Test func aStepWithNoKindIsRefused() throws {
        let error = try error("name: bad\nsteps:\n  - target: backend\n")
        #expect(error.problem.contains("none of op, ask, wait or check"))
    }

    @Test func anUnknownOperationListsTheCatalog() throws {
        let error = try error("name: bad\nsteps:\n  - op: deleteDeployment\n    target: backend\n")
        #expect(error.line == 3)
        #expect(error.problem.contains("\"deleteDeployment\" is not an operation"))
        #expect(error.remedy.contains("rollback"))
    }

    @Test func missingArgumentsAreNamed() throws {
        #expect(try error("name: bad\nsteps:\n  - op: scale\n    target: backend\n").problem.contains("op: scale needs replicas"))
        #expect(try error("name: bad\nsteps:\n  - op: restart\n").problem.contains("op: restart needs target"))
        #expect(try error("name: bad\nsteps:\n  - wait: {timeout: 10s}\n").problem.contains("wait names no deployment"))
        #expect(try error("name: bad\nsteps:\n  - check: {target: backend}\n").problem.contains("check compares nothing"))
    }

    @Test func badValuesSayWhatIsAllowed() throws {
        let negative = try error("name: bad\nsteps:\n  - {op: scale, target: backend, replicas: -1}\n")
        #expect(negative.problem.contains("line 3, step 1"))
        #expect(negative.problem.contains("cannot be negative"))
        let untagged = try error("name: bad\nsteps:\n  - op: setImage\n    target: backend\n    image: todo-backend\n")
        #expect(untagged.line == 5)
        #expect(untagged.problem.contains("names no tag"))
        let comparison = try error("name: bad\nsteps:\n  - check: {target: backend, readyReplicas: \"lots\"}\n")
        #expect(comparison.remedy.contains(">="))
        let timeout = try error("name: bad\nsteps:\n  - wait: {rollout: backend, timeout: soon}\n")
        #expect(timeout.problem.contains("duration such as 120s"))
    }

    @Test func topLevelMistakesAreRefused() throws {
        #expect(try error("steps:\n  - ask: list pods\n").problem.contains("it has no name"))
        #expect(try error("name: x\n").problem.contains("it has no steps"))
        #expect(try error("name: x\nsteps: []\n").problem.contains("non-empty list"))
        #expect(try error("name: x\nrun: now\nsteps:\n  - ask: list pods\n").problem.contains("\"run\" is not a key of a runbook"))
        let yaml = try error("name: x\nsteps:\n  - ask: [unclosed\n")
        #expect(yaml.problem.contains("not valid YAML"))
        #expect(yaml.line != nil)
    }
}

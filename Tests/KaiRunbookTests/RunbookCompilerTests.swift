import KaiCore
import KaiKube
import KaiPolicy
import KaiRunbook
import KaiSandbox
import Testing

/// Compiling runbooks against the seeded todo stack: names resolved, asks planned, policy applied,
/// and a step that cannot run named before anything runs.
@Suite("runbook compilation")
struct RunbookCompilerTests {
    let compiler = RunbookCompiler(snapshot: TodoStackSeed.snapshot(), policy: .defaults)

    func compile(_ text: String, policy: Policy = .defaults) throws -> CompiledRunbook {
        try RunbookCompiler(snapshot: TodoStackSeed.snapshot(), policy: policy).compile(RunbookFile.parse(text, path: "rb.yaml"))
    }

    @Test func resolvesNamesAndPlansAsks() throws {
        let compiled = try compile("""
            name: demo
            steps:
              - check: {target: db, readyReplicas: ">= 1"}
              - ask: restart frontend and scale backend to 3
              - wait: {rollout: backend}
            """)
        #expect(compiled.steps.map(\.label) == ["1", "2.1", "2.2", "3"])
        #expect(compiled.steps[0].target?.name == "todo-chatbot-postgres")
        #expect(compiled.steps[1].operation?.operation.name == .restart)
        #expect(compiled.steps[2].operation?.operation.name == .scale)
        #expect(compiled.steps[2].ask == "restart frontend and scale backend to 3")
        #expect(compiled.plan.steps.count == 2)
        #expect(compiled.risk == .change)
    }

    @Test func anUnknownNameNamesTheStepAndLine() throws {
        let error = try #require(throws: RunbookError.self) {
            try compile("name: x\nsteps:\n  - ask: list pods\n  - op: restart\n    target: cache\n")
        }
        #expect(error.category == .usage)
        #expect(error.problem.contains("Runbook rb.yaml, line 4, step 2"))
        #expect(error.problem.contains("no deployment called \"cache\""))
    }

    @Test func thePolicyRefusesWithExitFourBeforeAnythingRuns() throws {
        var policy = Policy.defaults
        policy.maxReplicas = 4
        let error = try #require(throws: RunbookError.self) {
            try compile("name: x\nsteps:\n  - {op: scale, target: backend, replicas: 8}\n", policy: policy)
        }
        #expect(error.category == .refused)
        #expect(error.problem.contains("step 1"))
        #expect(error.problem.contains("at most 4 replicas"))
    }

    @Test func anAskTheGrammarCannotReadIsAUsageError() throws {
        let error = try #require(throws: RunbookError.self) {
            try compile("name: x\nsteps:\n  - ask: delete the backend deployment\n")
        }
        #expect(error.step == 1)
        #expect([.refused, .usage].contains(error.category))
    }

    @Test func theBundledRunbooksCompileAgainstTheTodoStack() throws {
        for name in ["recover-backend", "scale-for-demo", "rollback-frontend"] {
            let path = RunbookCompilerTests.repository + "/runbooks/\(name).yaml"
            let compiled = try compiler.compile(RunbookFile.load(path: path))
            #expect(compiled.runbook.name == name)
            #expect(!compiled.steps.isEmpty)
        }
        let rollback = try compiler.compile(RunbookFile.load(path: RunbookCompilerTests.repository + "/runbooks/rollback-frontend.yaml"))
        #expect(rollback.risk == .disruptive)
    }

    /// The package folder: three levels up from this file (Tests/KaiRunbookTests/…).
    static let repository: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
}

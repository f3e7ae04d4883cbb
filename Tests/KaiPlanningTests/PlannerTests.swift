import KaiCore
import KaiPlanning
import KaiPolicy
import KaiSandbox
import KaiTestSupport
import Testing

@Suite("Request -> checked plan, in process")
struct PlannerTests {
    private let planner = Planner(snapshot: TodoStackSeed.snapshot(), policy: .defaults)

    private func observe(_ request: String) -> ObservedOutcome { KaiPlanningTests.observe(planner, request) }

    @Test(arguments: Corpus.all())
    func corpusRequestsProduceTheirPlans(_ entry: CorpusEntry) {
        if let mismatch = entry.mismatch(observe(entry.request)) { Issue.record("\(entry.request): \(mismatch)") }
    }

    @Test(.enabled(if: Corpus.hasShared)) func theSharedCorpusIsCoveredInFull() {
        #expect(Corpus.load(Corpus.sharedFile).count >= 28)
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func emptyRequestsAreUsageErrors(_ request: String) {
        #expect(throws: RequestError.empty) { try planner.plan(request) }
    }

    @Test func aNamespaceThePolicyDoesNotAllowIsRefusedBeforeNamesAreLookedUp() throws {
        let plan = try planner.plan("restart backend in namespace kube-system")
        #expect(plan.steps.isEmpty)
        #expect(plan.refusal?.reason.contains("kube-system") == true)
    }

    @Test func policyRefusalsAreReturnedAsPlansWithoutSteps() throws {
        let plan = try planner.plan("scale frontend to 100")
        #expect(plan.steps.isEmpty)
        #expect(plan.refusal != nil)
    }

    @Test func aStricterPolicyApplies() throws {
        var policy = Policy.defaults
        policy.disabledOperations = [.restart]
        let plan = try Planner(snapshot: TodoStackSeed.snapshot(), policy: policy).plan("scale backend to 2 and restart frontend")
        #expect(plan.steps.isEmpty)
        #expect(plan.refusal?.reason.contains("restart") == true)
    }

    @Test func unknownNamesAreUsageErrorsListingWhatExists() {
        do {
            _ = try planner.plan("restart the redis")
            Issue.record("expected an error")
        } catch let error as any KaiError {
            #expect(error.category == .usage)
            #expect(error.description.contains("todo-chatbot-backend"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func absurdlyLongPlansAreRefusedAsUnusable() {
        let request = (1...Planner.maximumSteps + 1).map { "show the last \($0) lines of frontend logs" }.joined(separator: " and ")
        #expect(throws: RequestError.self) { try planner.plan(request) }
        #expect(throws: Never.self) { try planner.plan("restart frontend and restart backend") }
    }

    @Test func aRepeatedStepIsPlannedOnce() throws {
        #expect(try planner.plan("restart frontend and restart frontend").steps.count == 1)
    }

    @Test func whatToLeaveAloneIsMatchedByTheRealObjectNotTheWord() throws {
        let plan = try planner.plan("restart the backend and the frontend but leave the api alone")
        #expect(plan.steps.map { $0.operation.target?.name } == ["todo-chatbot-frontend"])
        let history = try planner.plan("please don't roll back the frontend, just show me its history")
        #expect(history.steps.map(\.operation.name) == [.rolloutHistory])
    }

    @Test func thePlanKnowsItsHighestRisk() throws {
        #expect(try planner.plan("list pods").risk == .read)
        #expect(try planner.plan("restart frontend and list pods").risk == .change)
        #expect(try planner.plan("scale backend to 0").risk == .disruptive)
    }
}

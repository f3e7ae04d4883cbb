import KaiCore
import KaiInterpreter
import Testing

@Suite("The local grammar maps everyday phrasing to draft steps")
struct GrammarTests {
    private let grammar = LocalGrammar()

    private func steps(_ request: String) throws -> [DraftStep] {
        guard case .steps(let steps, _, _) = try grammar.interpret(request) else {
            Issue.record("\"\(request)\" was not understood as steps: \(try grammar.interpret(request))")
            return []
        }
        return steps
    }

    @Test(arguments: [
        ("restart frontend", OperationName.restart), ("bounce the api", .restart), ("redeploy backend", .restart),
        ("kick the frontend", .restart), ("bump the backend", .restart), ("tail backend", .logs),
        ("what's wrong with postgres", .diagnose), ("why is frontend crashing", .diagnose),
        ("describe backend", .describe), ("show deployments", .list), ("events", .events),
        ("rollout history frontend", .rolloutHistory), ("is the frontend rollout done?", .rolloutStatus),
        ("roll back frontend", .rollback), ("undo the backend rollout", .rollback),
        ("autoscale frontend up to 4", .autoscale), ("kill pod todo-chatbot-backend-abc123def-x2k4p", .deletePod),
        ("how much memory is backend using", .resources), ("kubectl top pods", .resources),
        ("analyze resource allocation for the namespace", .resources), ("recommend CPU and memory limits for backend", .resources),
        ("recommend resources for the frontend", .resources), ("analyze the backend", .diagnose),
    ])
    func synonymsChooseTheOperation(_ request: String, _ operation: OperationName) throws {
        #expect(try steps(request).map(\.operation) == [operation])
    }

    @Test func politenessAndCaseDoNotMatter() throws {
        let plain = try steps("scale backend to 3")
        #expect(try steps("Could you please SCALE the backend to 3, thanks!") == plain)
        #expect(try steps("kai, scale backend to three please") == plain)
    }

    @Test func absoluteAndRelativeReplicaCounts() throws {
        #expect(try steps("scale backend to 3").first?.replicas == .exactly(try ReplicaCount(3)))
        #expect(try steps("make it 4 backend replicas").first?.replicas == .exactly(try ReplicaCount(4)))
        #expect(try steps("scale the backend down by one").first?.replicas == .relative(-1))
        #expect(try steps("add two more backend replicas").first?.replicas == .relative(2))
        #expect(try steps("scale frontend up").first?.replicas == .relative(1))
        #expect(try steps("stop the frontend").first?.replicas == .exactly(try ReplicaCount(0)))
        #expect(try steps("kubectl scale deploy backend --replicas=3").first?.replicas == .exactly(try ReplicaCount(3)))
    }

    @Test func logArguments() throws {
        let tail = try steps("last 200 lines of backend logs").first
        #expect(tail?.tail == (try TailLines(200)))
        #expect(tail?.since == nil)
        #expect(try steps("backend logs since 5m").first?.since == (try LogWindow(seconds: 300)))
        #expect(try steps("show me the frontend logs from the last 10 minutes").first?.since == (try LogWindow(seconds: 600)))
        let previous = try steps("previous container logs for backend").first
        #expect(previous?.previous == true)
        #expect(previous?.container == nil)
        #expect(try steps("logs of container migrate in backend").first?.container == (try ContainerName("migrate")))
        #expect(try steps("kubectl logs deploy/backend --tail=20").first?.tail == (try TailLines(20)))
    }

    @Test func changeArguments() throws {
        #expect(try steps("rollback frontend to revision 2").first?.revision == (try Revision(2)))
        #expect(try steps("set image of backend to todo-backend:2.0").first?.image == (try ImageReference("todo-backend:2.0")))
        let kubectl = try steps("kubectl set image deployment/backend backend=todo-backend:2.0").first
        #expect(kubectl?.container == (try ContainerName("backend")))
        #expect(kubectl?.image == (try ImageReference("todo-backend:2.0")))
        let bounds = try steps("autoscale frontend from 1 to 3 at 70% cpu").first?.autoscale
        #expect(bounds == (try AutoscaleBounds(min: ReplicaCount(1), max: ReplicaCount(3), cpuPercent: 70)))
        let between = try steps("autoscale backend between 2 and 5").first?.autoscale
        #expect(between == (try AutoscaleBounds(min: ReplicaCount(2), max: ReplicaCount(5), cpuPercent: 80)))
    }

    @Test func listKindsAndFilters() throws {
        let notRunning = try steps("list the pods that are not running").first
        #expect(notRunning?.kind == .pods)
        #expect(notRunning?.fieldSelector == (try FieldSelector("status.phase!=Running")))
        #expect(try steps("show pending pods").first?.fieldSelector == (try FieldSelector("status.phase=Pending")))
        #expect(try steps("show warning events").first?.fieldSelector == (try FieldSelector("type=Warning")))
        #expect(try steps("list backend pods").first?.target?.words == ["backend"])
        #expect(try steps("list pods and services").map(\.kind) == [.pods, .services])
    }

    @Test func targetsKeepTheirKindHint() throws {
        let target = try steps("show logs for the frontend pod").first?.target
        #expect(target?.words == ["frontend"])
        #expect(target?.kindHint == .pod)
        #expect(try steps("rollout restart deployment backend").first?.target?.kindHint == .deployment)
    }

    @Test func severalStepsInOneRequest() throws {
        let plan = try steps("restart frontend and scale backend to 2")
        #expect(plan.map(\.operation) == [.restart, .scale])
        #expect(plan.map { $0.target?.words ?? [] } == [["frontend"], ["backend"]])
        #expect(try steps("restart frontend, then scale backend to 4").map(\.operation) == [.restart, .scale])
    }

    @Test func itRefersToThePreviousStepsTarget() throws {
        let plan = try steps("scale backend to 3 replicas please, and also restart it")
        #expect(plan.map(\.operation) == [.scale, .restart])
        #expect(plan.last?.target?.words == ["backend"])
    }

    @Test func emojiAndForeignDigitsDoNotConfuseIt() throws {
        #expect(try steps("🚀 restart frontend").first?.target?.words == ["frontend"])
        #expect(try steps("scale backend to ３").first?.replicas == .exactly(try ReplicaCount(3)))
    }

    @Test func oneVerbForSeveralTargets() throws {
        let plan = try steps("scale frontend and backend to 3")
        #expect(plan.map(\.operation) == [.scale, .scale])
        #expect(plan.map { $0.target?.words ?? [] } == [["frontend"], ["backend"]])
        #expect(plan.allSatisfy { $0.replicas == .exactly(try! ReplicaCount(3)) })
    }

    @Test func namespaceIsReadFromTheRequest() throws {
        #expect(try steps("restart backend in namespace staging").first?.namespace == "staging")
        #expect(try steps("list pods -n prod").first?.namespace == "prod")
    }

    @Test(arguments: [
        "delete deployment frontend", "show me the secret", "delete all pods", "exec into postgres",
        "delete the namespace", "drain the node", "port-forward the frontend", "what is the database password",
        "kubectl apply -f app.yaml", "restart all deployments", "scale everything to 0", "restart the backend in all namespaces",
        "delete the backend service", "open a shell in backend",
    ])
    func outsideTheCatalogIsRefusedWithAReason(_ request: String) throws {
        guard case .refusal(let refusal) = try grammar.interpret(request) else {
            Issue.record("\"\(request)\" should be refused")
            return
        }
        #expect(!refusal.reason.isEmpty)
        #expect(!refusal.alternative.isEmpty)
    }

    @Test(arguments: ["frobnicate the quux", "restart backend 3", "hello there", "make the app faster"])
    func notSureSaysSoInsteadOfGuessing(_ request: String) throws {
        guard case .unsure(let why) = try grammar.interpret(request) else {
            Issue.record("\"\(request)\" should be unsure, got \(try grammar.interpret(request))")
            return
        }
        #expect(!why.isEmpty)
    }

    @Test(arguments: [
        "don't restart the backend", "do not scale anything", "never roll back the frontend", "stop restarting the backend",
        "what does restart do?", "should I roll back the frontend?", "what would happen if I scaled backend to 0",
        "if the backend is failing restart it", "how do I set the image of backend to todo-backend:2.0",
        "restart frontend and don't touch the backend",
    ])
    func mentioningAChangeWithoutAskingForItPlansNoChange(_ request: String) throws {
        let interpretation = try grammar.interpret(request)
        if case .steps(let steps, _, _) = interpretation, steps.contains(where: \.operation.isChange) {
            Issue.record("\"\(request)\" planned \(steps.map(\.operation)) although it asks for no change")
        }
    }

    @Test(arguments: ["scale backend to -1", "scale backend to 2.5", "last 0 lines of backend logs",
                      "backend logs since 90d", "set image of backend to Todo-Backend:2.0", "scale backend to 99999999999999999999"])
    func malformedValuesThrowAClearError(_ request: String) {
        #expect(throws: ValueError.self) { try grammar.interpret(request) }
    }
}

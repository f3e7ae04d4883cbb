import KaiCore
import KaiKube
import KaiSandbox
import Testing

@Suite("The resolver finds the real object people mean")
struct ResolverTests {
    private let resolver = Resolver(snapshot: TodoStackSeed.snapshot())

    private func draft(_ operation: OperationName, _ words: [String], hint: ObjectKind? = nil) -> DraftStep {
        DraftStep(operation, target: TargetPhrase(words: words, kindHint: hint))
    }

    private func targetName(_ draft: DraftStep) throws -> String? {
        try resolver.resolve(draft).operation.target?.name
    }

    @Test(arguments: [
        (["backend"], "todo-chatbot-backend"), (["todo-chatbot-frontend"], "todo-chatbot-frontend"),
        (["db"], "todo-chatbot-postgres"), (["database"], "todo-chatbot-postgres"), (["api"], "todo-chatbot-backend"),
        (["front"], "todo-chatbot-frontend"), (["todo", "chatbot", "backend"], "todo-chatbot-backend"),
        (["frontend", "quickly"], "todo-chatbot-frontend"), (["postgresql"], "todo-chatbot-postgres"),
    ])
    func namesRolesSynonymsAndPrefixes(_ words: [String], _ expected: String) throws {
        #expect(try targetName(draft(.restart, words)) == expected)
    }

    @Test func aComponentWithOnePodResolvesToThatPodWhenAPodIsMeant() throws {
        let name = try targetName(draft(.logs, ["frontend"], hint: .pod))
        #expect(name == TodoStackSeed.snapshot().pods.first { $0.component == "frontend" }?.name)
    }

    @Test func deploymentsWinOverTheirPodsWhenBothFit() throws {
        #expect(try resolver.resolve(draft(.logs, ["backend"])).operation.target?.kind == .deployment)
    }

    @Test func aComponentWithTwoPodsAsksWhichOne() throws {
        do {
            _ = try resolver.resolve(draft(.deletePod, ["backend"]))
            Issue.record("expected a question")
        } catch {
            #expect(error.reason == .ambiguous)
            #expect(error.candidates.count == 2)
            #expect(error.candidates.allSatisfy { $0.hasPrefix("todo-chatbot-backend-") })
            #expect(error.remedy.contains("Which one"))
        }
    }

    @Test func anExactPodNameIsEnoughToDeleteIt() throws {
        let pod = try #require(TodoStackSeed.snapshot().pods.first { $0.component == "backend" })
        #expect(try targetName(draft(.deletePod, [pod.name])) == pod.name)
    }

    @Test func aPodNamedForADeploymentOperationPointsAtItsDeployment() throws {
        let pod = try #require(TodoStackSeed.snapshot().pods.first { $0.component == "backend" })
        do {
            _ = try resolver.resolve(draft(.restart, [pod.name]))
            Issue.record("expected an error")
        } catch {
            #expect(error.candidates == ["todo-chatbot-backend"])
            #expect(error.remedy.contains("delete pod \(pod.name)"))
        }
    }

    @Test func anUnknownNameListsWhatExists() {
        do {
            _ = try resolver.resolve(draft(.restart, ["redis"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .unknown)
            #expect(error.problem.contains("redis"))
            #expect(error.candidates == ["todo-chatbot-backend (backend)", "todo-chatbot-frontend (frontend)", "todo-chatbot-postgres (postgres)"])
        }
    }

    @Test func anAmbiguousPrefixAsksInsteadOfGuessing() throws {
        var snapshot = TodoStackSeed.snapshot()
        snapshot.deployments = ["api-v1", "api-v2"].map {
            DeploymentSnapshot(name: $0, labels: [:], selector: ["app": $0], replicas: 1, readyReplicas: 1, containers: [], revision: 1)
        }
        #expect(throws: ResolutionError.self) { try Resolver(snapshot: snapshot).resolve(draft(.restart, ["api"])) }
    }

    @Test func relativeScaleIsWorkedOutFromTheCurrentCount() throws {
        var up = draft(.scale, ["backend"])
        up.replicas = .relative(1)
        guard case .scale(let scale) = try resolver.resolve(up).operation else { Issue.record("not a scale"); return }
        #expect(scale.replicas.value == 3)
    }

    @Test func relativeScaleBelowZeroIsAnError() {
        var down = draft(.scale, ["frontend"])
        down.replicas = .relative(-2)
        #expect(throws: ResolutionError.self) { try resolver.resolve(down) }
    }

    @Test func scaleWithoutACountSaysWhatIsMissing() {
        do {
            _ = try resolver.resolve(draft(.scale, ["backend"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.problem.contains("replica count"))
        }
    }

    @Test func aChangeWithoutATargetSaysSo() {
        #expect(throws: ResolutionError.self) { try resolver.resolve(DraftStep(.restart)) }
    }

    @Test func containersMustExistInTheDeployment() throws {
        var logs = draft(.logs, ["backend"])
        logs.container = try ContainerName("sidecar")
        #expect(throws: ResolutionError.self) { try resolver.resolve(logs) }
        logs.container = try ContainerName("backend")
        #expect(try resolver.resolve(logs).operation.name == .logs)
    }

    @Test func rollbackRevisionsMustBeEarlierThanTheCurrentOne() throws {
        var rollback = draft(.rollback, ["frontend"])
        rollback.revision = try Revision(3)
        #expect(throws: ResolutionError.self) { try resolver.resolve(rollback) }
        rollback.revision = try Revision(7)
        #expect(throws: ResolutionError.self) { try resolver.resolve(rollback) }
        rollback.revision = try Revision(2)
        #expect(try resolver.resolve(rollback).operation.name == .rollback)
    }

    @Test func aListNarrowedToADeploymentUsesItsSelector() throws {
        var list = draft(.list, ["backend"])
        list.kind = .pods
        guard case .list(let resolved) = try resolver.resolve(list).operation else { Issue.record("not a list"); return }
        #expect(resolved.selector?.text == "app.kubernetes.io/component=backend,app.kubernetes.io/instance=todo-chatbot,app.kubernetes.io/name=todo-chatbot")
    }

    @Test func stepsCarryTheStateBeforeTheChange() throws {
        var scale = draft(.scale, ["backend"])
        scale.replicas = .exactly(try ReplicaCount(3))
        let step = try resolver.resolve(scale)
        #expect(step.before?.replicas == 2)
        #expect(step.before?.containers.first?.image == "todo-backend:1.1.0")
    }

    @Test func anotherNamespaceIsNotSilentlyReadAsThisOne() {
        var restart = draft(.restart, ["backend"])
        restart.namespace = "staging"
        #expect(throws: ResolutionError.self) { try resolver.resolve(restart) }
    }
}

@Suite("The seeded todo stack")
struct SeedTests {
    @Test func seedIsTheStackTheChartInstalls() {
        let snapshot = TodoStackSeed.snapshot()
        #expect(snapshot.namespace == "todo-chatbot")
        #expect(snapshot.deployments.map(\.name) == ["todo-chatbot-backend", "todo-chatbot-frontend", "todo-chatbot-postgres"])
        #expect(snapshot.deployments.map(\.replicas) == [2, 1, 1])
        #expect(snapshot.deployments.map(\.component) == ["backend", "frontend", "postgres"])
        #expect(snapshot.pods.count == 4)
    }

    @Test func podNamesAreStableAndShapedLikeReplicaSetPods() {
        let first = TodoStackSeed.snapshot().pods.map(\.name)
        #expect(first == TodoStackSeed.snapshot().pods.map(\.name))
        #expect(Set(first).count == first.count)
        for name in first {
            let parts = name.split(separator: "-")
            #expect(parts.last?.count == 5)
        }
    }
}

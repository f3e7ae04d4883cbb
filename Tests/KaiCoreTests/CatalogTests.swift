import KaiCore
import Testing

/// One operation of every kind in the catalog, on the seeded names.
enum Samples {
    static let backend = ObjectReference(kind: .deployment, namespace: "todo-chatbot", name: "todo-chatbot-backend")
    static let pod = ObjectReference(kind: .pod, namespace: "todo-chatbot", name: "todo-chatbot-backend-abc123def-x2k4p")
    static let before = DeploymentState(replicas: 2, readyReplicas: 2,
                                        containers: [ContainerImage(name: "backend", image: "todo-backend:1.1.0",
                                                                    resources: ContainerResourceValues(requests: ["memory": "256Mi"], limits: ["memory": "512Mi"]))],
                                        revision: 2, autoscaler: AutoscalerState(name: "todo-chatbot-backend", min: 2, max: 5, cpuPercent: 70))

    static func operation(_ name: OperationName) throws -> CatalogOperation {
        switch name {
        case .list: .list(.init(kind: .pods, namespace: "todo-chatbot"))
        case .describe: .describe(.init(backend))
        case .logs: .logs(.init(backend))
        case .events: .events(.init(nil, namespace: "todo-chatbot"))
        case .diagnose: .diagnose(.init(backend, namespace: "todo-chatbot"))
        case .resources: .resources(.init(nil, namespace: "todo-chatbot"))
        case .rolloutStatus: .rolloutStatus(.init(backend))
        case .rolloutHistory: .rolloutHistory(.init(backend))
        case .scale: .scale(.init(backend, replicas: try ReplicaCount(3)))
        case .restart: .restart(.init(backend))
        case .autoscale: .autoscale(.init(backend, bounds: try AutoscaleBounds(min: ReplicaCount(2), max: ReplicaCount(5), cpuPercent: 70)))
        case .rollback: .rollback(.init(backend))
        case .setImage: .setImage(.init(backend, image: try ImageReference("todo-backend:2.0")))
        case .setResources: .setResources(try .init(backend, container: ContainerName("backend"),
                                                    changes: [ResourceField(.memory, .limit): .set(try ResourceQuantity.memory("768Mi"))]))
        case .removeAutoscaler: .removeAutoscaler(.init(backend))
        case .deletePod: .deletePod(.init(pod))
        }
    }
}

@Suite("The catalog: names, risk, descriptions and inverses")
struct CatalogTests {
    /// design.md's table of risks.
    static let designRisk: [OperationName: Risk] = [
        .list: .read, .describe: .read, .logs: .read, .events: .read, .diagnose: .read, .resources: .read,
        .rolloutStatus: .read, .rolloutHistory: .read, .scale: .change, .restart: .change, .autoscale: .change,
        .rollback: .disruptive, .setImage: .disruptive, .deletePod: .disruptive,
        .setResources: .disruptive, .removeAutoscaler: .disruptive,
    ]

    @Test(arguments: OperationName.allCases)
    func riskIsDesignsRisk(_ name: OperationName) throws {
        let operation = try Samples.operation(name)
        #expect(operation.name == name)
        #expect(operation.risk == Self.designRisk[name])
        #expect(name.isChange == (operation.risk != .read))
    }

    @Test(arguments: OperationName.allCases)
    func everyOperationDescribesItselfInOneLine(_ name: OperationName) throws {
        let summary = try Samples.operation(name).typed.summary(before: Samples.before)
        #expect(!summary.isEmpty)
        #expect(!summary.contains("\n"))
        #expect(summary.hasSuffix("."))
    }

    @Test(arguments: OperationName.allCases)
    func changesHaveAnUndoAndReadsDoNot(_ name: OperationName) throws {
        let undo = try Samples.operation(name).typed.undo(before: Samples.before)
        if name.isChange {
            #expect(undo != .notNeeded)
        } else {
            #expect(undo == .notNeeded)
        }
    }

    @Test func scalingToZeroIsDisruptive() throws {
        #expect(CatalogOperation.scale(.init(Samples.backend, replicas: try ReplicaCount(0))).risk == .disruptive)
    }

    @Test func scaleIsUndoneByScalingBack() throws {
        let step = PlannedStep(try Samples.operation(.scale), before: Samples.before)
        #expect(step.undo == .operation(.scale(.init(Samples.backend, replicas: try ReplicaCount(2)))))
        #expect(step.summary.contains("from 2 to 3"))
    }

    @Test func setImageIsUndoneBySettingThePreviousImageOfThatContainer() throws {
        let undo = try Samples.operation(.setImage).typed.undo(before: Samples.before)
        let expected = CatalogOperation.setImage(.init(Samples.backend, container: try ContainerName("backend"),
                                                       image: try ImageReference("todo-backend:1.1.0")))
        #expect(undo == .operation(expected))
    }

    @Test func rollbackIsUndoneByReturningToTheCurrentRevision() throws {
        let undo = try Samples.operation(.rollback).typed.undo(before: Samples.before)
        #expect(undo == .operation(.rollback(.init(Samples.backend, revision: try Revision(2)))))
    }

    @Test func autoscaleIsUndoneByRestoringTheOldBoundsOrByRemovingTheOneItCreated() throws {
        var before = Samples.before
        before.autoscaler = nil
        #expect(try Samples.operation(.autoscale).typed.undo(before: before) == .operation(.removeAutoscaler(.init(Samples.backend))))
        before.autoscaler = AutoscalerState(name: "todo-chatbot-backend", min: 1, max: 4, cpuPercent: 60)
        let undo = try Samples.operation(.autoscale).typed.undo(before: before)
        let expected = CatalogOperation.autoscale(.init(Samples.backend, bounds: try AutoscaleBounds(min: ReplicaCount(1), max: ReplicaCount(4), cpuPercent: 60)))
        #expect(undo == .operation(expected))
    }

    @Test func removeAutoscalerIsUndoneByRecreatingItUnderItsName() throws {
        var before = Samples.before
        before.autoscaler = AutoscalerState(name: "web-hpa", min: 2, max: 5, cpuPercent: 70)
        let expected = CatalogOperation.autoscale(.init(Samples.backend, bounds: try AutoscaleBounds(min: ReplicaCount(2), max: ReplicaCount(5), cpuPercent: 70),
                                                        autoscalerName: "web-hpa"))
        #expect(try Samples.operation(.removeAutoscaler).typed.undo(before: before) == .operation(expected))
    }

    @Test func setResourcesIsUndoneBySettingThePreviousValuesBack() throws {
        let undo = try Samples.operation(.setResources).typed.undo(before: Samples.before)
        let expected = CatalogOperation.setResources(try .init(Samples.backend, container: ContainerName("backend"),
                                                               changes: [ResourceField(.memory, .limit): .set(try ResourceQuantity("512Mi"))]))
        #expect(undo == .operation(expected))
        #expect(try Samples.operation(.setResources).typed.summary(before: Samples.before).contains("memory limit 768Mi (now 512Mi)"))
    }

    @Test func restartAndDeletePodCannotBeUndoneAndSayWhy() throws {
        for name in [OperationName.restart, .deletePod] {
            guard case .irreversible(let why) = try Samples.operation(name).typed.undo(before: Samples.before) else {
                Issue.record("\(name) should be irreversible")
                continue
            }
            #expect(!why.isEmpty)
        }
    }

    @Test func undoWaitsForTheStateWhenItIsNotKnown() throws {
        #expect(try Samples.operation(.scale).typed.undo(before: nil) == .unknownUntilRun)
    }

    @Test func scaleWarnsWhenAnAutoscalerManagesTheDeployment() throws {
        #expect(try Samples.operation(.scale).typed.summary(before: Samples.before).contains("autoscaler"))
    }

    @Test func argumentsUseDesignsNames() throws {
        let logs = CatalogOperation.logs(.init(Samples.backend, container: try ContainerName("backend"), tail: try TailLines(20),
                                               since: try LogWindow(seconds: 300), previous: true))
        #expect(logs.arguments.map(\.name) == ["container", "tail", "since", "previous"])
        #expect(logs.arguments.map(\.value) == [.string("backend"), .int(20), .int(300), .bool(true)])
        #expect(try Samples.operation(.autoscale).arguments.map(\.name) == ["min", "max", "cpuPercent"])
    }
}

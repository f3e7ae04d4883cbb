import KaiCore
@testable import KaiInterpreter
import Testing

/// What a request's words point to, for what a small model is offered: the parts it asks for, and
/// only the optional arguments it has words for in a compact tool.
@Suite("Request cues and compact tools")
struct RequestCuesTests {
    @Test func eachClauseThatAsksForSomethingIsAPartWithItsOperation() {
        let cues = RequestCues("restart the backend and then show its logs")
        #expect(cues.parts.map(\.operation) == [.restart, .logs])
        #expect(cues.operations == [.restart, .logs])
        #expect(cues.unanswered(by: [.restart]) == .parts(["show its logs"]))
        #expect(cues.unanswered(by: [.restart, .logs]) == .nothing)
    }

    @Test func aMentionAsksForNothing() {
        let cues = RequestCues("the restart failed, show events")
        #expect(cues.parts.map(\.operation) == [.events])
        #expect(cues.unanswered(by: [.events]) == .nothing)
    }

    @Test func aClauseTheDetectorCannotPlaceLeavesEveryOperationPossible() {
        let cues = RequestCues("blorp the frobnicator")
        #expect(cues.operations == nil)
        #expect(cues.onlyOperation == nil)
        #expect(RequestCues("show deployments").onlyOperation == .list)
        #expect(RequestCues("kubectl get deploy").onlyOperation == .list)
        #expect(RequestCues("kubectl rollout status deploy/frontend").onlyOperation == .rolloutStatus)
        #expect(RequestCues("the web ui is down, help").onlyOperation == .diagnose)
    }

    @Test func moreStepsThanPartsAreMoreWithoutNamingOne() {
        let names = ["frontend", "backend"].map {
            Vocabulary.Name(word: $0, object: "todo-chatbot-\($0)", kind: .deployment, namespace: "todo-chatbot", isRole: true)
        }
        let vocabulary = Vocabulary(currentNamespace: "todo-chatbot", namespaces: ["todo-chatbot"], names: names)
        let cues = RequestCues("scale frontend to 3 replicas, backend to 4", vocabulary: vocabulary)
        #expect(cues.grammarOperations == [.scale, .scale])
        #expect(cues.unanswered(by: [.scale]) == .more)
        #expect(cues.unanswered(by: [.scale, .scale]) == .nothing)
    }

    @Test func aFirstReplyShouldHoldACallForEachPartAndObjectNamed() {
        let names = ["frontend", "backend"].map {
            Vocabulary.Name(word: $0, object: "todo-chatbot-\($0)", kind: .deployment, namespace: "todo-chatbot", isRole: true)
        }
        let vocabulary = Vocabulary(currentNamespace: "todo-chatbot", namespaces: ["todo-chatbot"], names: names)
        #expect(RequestCues("show the backend logs", vocabulary: vocabulary).callCount == 1...1)
        #expect(RequestCues("logs of the frontend and the backend", vocabulary: vocabulary).callCount == 1...2)
        #expect(RequestCues("restart frontend and scale backend to 2", vocabulary: vocabulary).callCount == 1...4)
        // Words that cannot all be placed, or that ask for nothing (a refusal), set no bound.
        #expect(RequestCues("the api feels slow today", vocabulary: vocabulary).callCount == nil)
        #expect(RequestCues("delete the backend deployment", vocabulary: vocabulary).callCount == nil)
    }

    @Test(arguments: [
        ("roll back the frontend", OperationName.rollback, ["target"]),
        ("roll the frontend back to revision 1", .rollback, ["target", "revision"]),
        ("raise the backend memory limit to 1Gi", .setResources, ["target", "memoryLimit"]),
        ("give the frontend 250m cpu", .setResources, ["target", "cpuRequest", "cpuLimit"]),
        ("more resources for the backend", .setResources, ["target", "cpuRequest", "cpuLimit", "memoryRequest", "memoryLimit"]),
        ("autoscale the backend between 2 and 5", .autoscale, ["target", "min", "max"]),
        ("autoscale the backend between 2 and 5 at 60% cpu", .autoscale, ["target", "min", "max", "cpuPercent"]),
        ("set the backend image to todo-backend:2.0", .setImage, ["target", "image"]),
        ("scale the shop namespace's web-app to 3", .scale, ["target", "replicas", "namespace"]),
        // A read keeps every optional argument: the reads are the same text from one request to the next.
        ("logs of the backend", .logs, ["target", "container", "tail", "since", "previous"]),
        ("show pods", .list, ["kind", "selector", "fieldSelector"]),
    ])
    func aCompactChangeOffersOnlyTheOptionalArgumentsTheRequestHasWordsFor(request: String, operation: OperationName, expected: [String]) throws {
        let cues = RequestCues(request, otherNamespaces: ["shop"])
        let properties = try #require(ToolCatalog.schema(of: operation, detail: .compact(cues))["properties"]?.object)
        #expect(Set(properties.keys) == Set(expected), "\(request)")
    }

    @Test func theToolsOfferedAreEveryReadAndTheChangesTheRequestAsksFor() {
        let reads = OperationName.allCases.filter { !$0.isChange }
        #expect(RequestCues("why is the backend failing").shortlist(of: OperationName.allCases) == reads)
        #expect(RequestCues("the restart failed, show events").shortlist(of: OperationName.allCases) == reads)
        #expect(RequestCues("roll back the db and restart the api").shortlist(of: OperationName.allCases) == reads + [.restart, .rollback])
        // Words the detector cannot place offer every change only when they ask for one with a change word or a number.
        #expect(RequestCues("blorp the frobnicator").shortlist(of: OperationName.allCases) == reads)
        #expect(RequestCues("the api feels slow today").shortlist(of: OperationName.allCases) == reads)
        #expect(RequestCues("scale frontend to 3. blorp the backend to 4").shortlist(of: OperationName.allCases) == OperationName.allCases)
        // A change asked about and then asked for is offered.
        #expect(RequestCues("can I roll back the frontend? if so please do it").shortlist(of: OperationName.allCases) == reads + [.rollback])
        #expect(RequestCues("restart the api and show me 30 log lines").shortlist(of: OperationName.allCases) == reads + [.restart])
        // A change asked for in words the detector reads as a look: the changes its nouns name, or any.
        #expect(RequestCues("give the api a third replica").shortlist(of: OperationName.allCases) == reads + [.scale, .autoscale])
        #expect(RequestCues("give the db more memory").shortlist(of: OperationName.allCases) == reads + [.setResources])
        #expect(RequestCues("blorp the api, it needs a new version").shortlist(of: OperationName.allCases) == reads + [.rollback, .setImage])
        // Told only to act, a model reads first; what to change is offered once reads have shown it.
        let acting = RequestCues("check the backend logs and act on them")
        #expect(acting.shortlist(of: OperationName.allCases) == reads)
        #expect(acting.shortlist(of: OperationName.allCases, afterReads: true) == OperationName.allCases)
    }

    @Test func compactToolsLeaveTheirPurposeToTheSystemPromptsListOfTools() {
        let compact = ToolCatalog.definitions(for: [.scale, .diagnose], detail: .compact(RequestCues("scale the api")))
        #expect(compact.allSatisfy { $0.description.isEmpty })
        #expect(ToolCatalog.definitions(for: [.scale]).first?.description == "Replica count; 0 stops it.")
        #expect(ToolCatalog.glossary([.scale, .diagnose]) == "Tools: scale (replica count; 0 stops it), diagnose (why something fails or is down).")
    }
}

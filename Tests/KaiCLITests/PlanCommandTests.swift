import Foundation
import KaiTestSupport
import Testing

@Suite("kai plan, through the binary")
struct PlanCommandTests {
    private func observe(_ request: String) async throws -> ObservedOutcome {
        let result = try await KaiProcess.plan([request, "-o", "json"])
        let outcome = ObservedOutcome(planDocument: try result.json())
        switch outcome {
        case .refusal: #expect(result.status == 4, "\(request): a refusal exits 4")
        case .error: #expect(result.status == 2, "\(request): an unusable request exits 2")
        case .steps: #expect(result.status == 0, "\(request): a plan exits 0")
        }
        return outcome
    }

    /// The corpus through the binary against a live (sandbox) cluster. Requests that name a pod
    /// by its generated name are left to KaiPlanningTests, which plan against the seed's fixed
    /// names: a live cluster's pods get names of their own.
    @Test(arguments: Corpus.all().filter { $0.request.range(of: #"-[a-z0-9]{10}-[a-z0-9]{5}"#, options: .regularExpression) == nil })
    func corpusRequestsProduceTheirPlansAsJSON(_ entry: CorpusEntry) async throws {
        if let mismatch = entry.mismatch(try await observe(entry.request)) { Issue.record("\(entry.request): \(mismatch)") }
    }

    @Test func theJSONDocumentHasTheDocumentedShape() async throws {
        let result = try await KaiProcess.plan(["scale backend to 3", "-o", "json"])
        #expect(result.status == 0)
        let document = try result.json()
        #expect(document["request"] as? String == "scale backend to 3")
        #expect(document["interpreter"] as? String == "local")
        #expect(document["refusal"] is NSNull)
        let step = try #require((document["steps"] as? [[String: Any]])?.first)
        #expect(step["op"] as? String == "scale")
        #expect(step["risk"] as? String == "change")
        let target = try #require(step["target"] as? [String: String])
        #expect(target == ["kind": "Deployment", "namespace": "todo-chatbot", "name": "todo-chatbot-backend"])
        #expect((step["args"] as? [String: Int]) == ["replicas": 3])
        #expect((step["undo"] as? [String: Any])?["op"] as? String == "scale")
    }

    @Test func aRefusalHasNoStepsAndAReason() async throws {
        let result = try await KaiProcess.plan(["delete deployment frontend", "-o", "json"])
        #expect(result.status == 4)
        let document = try result.json()
        #expect((document["steps"] as? [Any])?.isEmpty == true)
        #expect(((document["refusal"] as? [String: Any])?["reason"] as? String)?.isEmpty == false)
    }

    @Test func textOutputShowsTheStepsAndThatNothingRan() async throws {
        let result = try await KaiProcess.plan(["restart", "frontend", "and", "scale", "backend", "to", "2"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("1. restart deployment todo-chatbot/todo-chatbot-frontend"))
        #expect(result.stdout.contains("2. scale deployment todo-chatbot/todo-chatbot-backend  replicas=2"))
        #expect(result.stdout.contains("nothing was run"))
    }

    @Test(arguments: [
        ([""], "empty"), ([], "empty"), (["restart the redis"], "redis"),
        (["frobnicate the quux"], "not sure"), (["scale backend to -1"], "negative"),
        (["delete the backend pod"], "Which one"),
    ])
    func unusableRequestsExitTwoWithAMessage(_ arguments: [String], _ words: String) async throws {
        let result = try await KaiProcess.plan(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(words))
        #expect(result.stdout.isEmpty)
    }

    @Test func errorsInJSONModeAreStillOneDocument() async throws {
        let result = try await KaiProcess.plan(["delete the backend pod", "-o", "json"])
        #expect(result.status == 2)
        let error = try #require(try result.json()["error"] as? [String: Any])
        #expect((error["candidates"] as? [String])?.count == 2)
    }

    @Test func refusalsInTextModeGoToStandardError() async throws {
        let result = try await KaiProcess.plan(["scale frontend to 100"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("at most 10"))
    }

    @Test func thePolicyFileInTheConfigHomeIsUsed() async throws {
        let home = try KaiProcess.temporaryDirectory()
        try FileManager.default.createDirectory(at: home.appendingPathComponent("kai"), withIntermediateDirectories: true)
        try "maxReplicas: 20\n".write(to: home.appendingPathComponent("kai/policy.yaml"), atomically: true, encoding: .utf8)
        let result = try await KaiProcess.plan(["scale frontend to 15"], environment: ["XDG_CONFIG_HOME": home.path])
        #expect(result.status == 0)
    }

    @Test func aBrokenPolicyFileIsAUsageErrorNamingFileAndLine() async throws {
        let directory = try KaiProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("policy.yaml")
        try "namespaces: [todo-chatbot]\nmaxReplicas: many\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try await KaiProcess.plan(["list pods", "--policy", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path), line 2"))
        #expect(result.stderr.contains("maxReplicas must be a whole number"))
    }

    @Test func aPolicyPathThatDoesNotExistIsAnError() async throws {
        let result = try await KaiProcess.plan(["list pods", "--policy", "/nonexistent/policy.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such file"))
    }

    @Test func helpAndVersionExitZero() async throws {
        let help = try await KaiProcess.plan(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
        #expect(try await KaiProcess.run(["--version"]).status == 0)
    }

    @Test func unknownFlagsAreUsageErrorsWithExitTwo() async throws {
        let result = try await KaiProcess.plan(["list pods", "--frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("frobnicate"))
    }

    @Test func anUnknownOutputFormatIsAUsageError() async throws {
        #expect(try await KaiProcess.plan(["list pods", "-o", "yaml"]).status == 2)
    }

    /// A secret typed into a request is not printed back, in words or in JSON (where scripts keep it).
    @Test func aSecretTypedIntoARequestIsNotPrintedBack() async throws {
        let request = "restart backend password=Qv7kXpLm9Zw"
        let text = try await KaiProcess.plan([request])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Plan for \"restart backend password=[redacted]\""), "\(text.stdout)")
        let json = try await KaiProcess.plan([request, "-o", "json"])
        #expect(json.status == 0)
        #expect(!(text.stdout + text.stderr + json.stdout + json.stderr).contains("Qv7kX"), "\(text.stdout) \(json.stdout)")
    }
}

import Foundation
import KaiTestSupport
import Testing

/// A model's plan is checked against the request before confirmation: a change on something the
/// request did not name, or for a request that asks for no change, is said plainly and never runs on
/// `--yes`; what the catalog refuses is refused before any model is asked.
@Suite("A model's plan grounded in the request, through the binary", .serialized)
struct GroundingTests {
    func model(_ url: URL) -> (flags: [String], environment: [String: String]) {
        (["--provider", "openai", "--base-url", url.appendingPathComponent("v1").absoluteString, "--interpreter", "model"],
         ["OPENAI_API_KEY": "sk-test-0123456789abcdef"])
    }

    func backendReplicas(_ cluster: TestCluster) async throws -> String {
        try await cluster.kubectl(["get", "deploy", "todo-chatbot-backend", "-o", "jsonpath={.spec.replicas}"]).stdout
    }

    @Test func aSubstitutedTargetIsSaidAndNeverRunsOnYes() async throws {
        try await TestCluster.with { cluster in
            let reply = Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)
            try await ModelServer.with([reply, reply]) { url, _ in
                let model = model(url)
                let plan = try await KaiProcess.plan(model.flags + ["-o", "json", "scale the frontend to 3"], environment: model.environment)
                #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
                let document = try plan.json()
                #expect(document["ungrounded"] as? [String] == ["the request does not name todo-chatbot-backend; the model proposed scale on deployment todo-chatbot-backend"])
                let run = try await cluster.kai(model.flags + ["--yes", "--allow-disruptive", "scale the frontend to 3"], environment: model.environment)
                #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
                #expect(run.stdout.contains("Not what the request named: the request does not name todo-chatbot-backend"))
                #expect(run.stderr.contains("--yes never runs such a change. Nothing was changed."))
                #expect(try await backendReplicas(cluster) == "2")
                #expect(cluster.auditLines.isEmpty)
            }
        }
    }

    @Test func aNameTheClusterLacksIsSaidWithWhatTheModelProposed() async throws {
        try await TestCluster.with { cluster in
            let reply = Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)
            try await ModelServer.with([reply]) { url, _ in
                let model = model(url)
                let run = try await cluster.kai(model.flags + ["--yes", "scale the payments service to 3"], environment: model.environment)
                #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
                #expect(run.stdout.contains("the request names \"payments\", which does not exist; the model proposed scale on deployment todo-chatbot-backend"))
                #expect(try await backendReplicas(cluster) == "2")
                #expect(cluster.auditLines.isEmpty)
            }
        }
    }

    @Test func aChangeAfterAReadForAQuestionIsASuggestionThatYesNeverRuns() async throws {
        try await TestCluster.with { cluster in
            let replies = [Documented.openAIToolCall("describe", #"{"target":"backend"}"#),
                           Documented.openAIToolCall("scale", #"{"target":"backend","replicas":0}"#)]
            try await ModelServer.with(replies + replies) { url, server in
                let model = model(url)
                let request = "check why the backend pod is failing"
                let plan = try await KaiProcess.plan(model.flags + ["-o", "json", request], environment: model.environment)
                #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
                let document = try plan.json()
                // The read the model made is a step, so the person sees it; the change is not.
                #expect((document["steps"] as? [[String: Any]])?.map { $0["op"] as? String } == ["describe"])
                let suggestions = try #require(document["suggestions"] as? [[String: Any]])
                #expect(suggestions.map { $0["op"] as? String } == ["scale"])
                let run = try await cluster.kai(model.flags + ["--yes", "--allow-disruptive", request], environment: model.environment)
                #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
                #expect(run.stdout.contains("Suggested by the model, not planned"))
                #expect(run.stderr.contains("Not run: the model suggested"))
                #expect(try await backendReplicas(cluster) == "2")
                #expect(cluster.auditLines.isEmpty)
                #expect(await server.received.count == 4)
            }
        }
    }

    @Test func theCatalogRefusesBeforeTheModelIsAsked() async throws {
        try await ModelServer.with([Documented.openAIToolCall("deletePod", #"{"target":"backend"}"#)]) { url, server in
            let model = model(url)
            let result = try await KaiProcess.plan(model.flags + ["-o", "json", "delete the backend deployment"], environment: model.environment)
            #expect(result.status == 4, "\(result.stdout)\(result.stderr)")
            let document = try result.json()
            #expect(((document["refusal"] as? [String: Any])?["reason"] as? String)?.hasPrefix("Deleting a deployment is not in kai's catalog") == true)
            #expect(document["interpreter"] as? String == "local")
            #expect(await server.received.isEmpty)
        }
    }

    @Test func aChangeTheRequestsWordsDoNotAskForIsASuggestion() async throws {
        // The restart tool is not offered for "scale the backend to 3"; a model that calls it anyway only suggests it.
        let replies = [Documented.openAIToolCalls([("scale", #"{"target":"backend","replicas":3}"#), ("restart", #"{"target":"backend"}"#)])]
        try await ModelServer.with(replies) { url, server in
            let model = model(url)
            let result = try await KaiProcess.plan(model.flags + ["-o", "json", "scale the backend to 3"], environment: model.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let document = try result.json()
            #expect((document["steps"] as? [[String: Any]])?.map { $0["op"] as? String } == ["scale"])
            #expect((document["suggestions"] as? [[String: Any]])?.map { $0["op"] as? String } == ["restart"])
            let offered = try #require(await server.received.first?.json["tools"] as? [[String: Any]])
                .compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
            #expect(offered.contains("scale") && !offered.contains("restart") && offered.contains("diagnose"))
        }
    }

    @Test func aChangeOnWhatTheRequestNamedIsAnOrdinaryPlanStep() async throws {
        try await ModelServer.with([Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)]) { url, _ in
            let model = model(url)
            let result = try await KaiProcess.plan(model.flags + ["-o", "json", "give the api a third replica"], environment: model.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let document = try result.json()
            #expect(document["ungrounded"] == nil)
            #expect(document["suggestions"] == nil)
            #expect((document["steps"] as? [[String: Any]])?.first?["op"] as? String == "scale")
        }
    }
}

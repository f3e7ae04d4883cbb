import Foundation
import KaiTestSupport
import Testing

/// What auto mode hands the model, who is named for what, and how kai keeps what a model read
/// when the conversation goes wrong: an empty reply, a context the server cannot hold.
@Suite("Auto mode's handover to the model and the model's failures, through the binary", .serialized)
struct ModelHandoverTests {
    func openAI(_ url: URL, interpreter: String) -> (flags: [String], environment: [String: String]) {
        (["--provider", "openai", "--base-url", url.appendingPathComponent("v1").absoluteString, "--interpreter", interpreter],
         ["OPENAI_API_KEY": "sk-test-0123456789abcdef"])
    }

    /// llama.cpp's server's answer to a prompt longer than its context.
    static let overflow = ModelServer.Reply.json(
        #"{"error":{"code":500,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":9000,"n_ctx":4096}}"#,
        status: 500)

    @Test(arguments: ["scale backend to 1.5", "scale up", "set backend image to nginx::bad", "restart cart-api"])
    func autoHandsTheModelWhatTheGrammarCouldNotFinish(request: String) async throws {
        try await ModelServer.with([Documented.openAIToolCall("describe", #"{"target":"backend"}"#), Documented.openAIWholeText("The backend has 2 replicas.")]) { url, server in
            let model = openAI(url, interpreter: "auto")
            let result = try await KaiProcess.plan(model.flags + ["-o", "json", request], environment: model.environment)
            #expect(await server.received.count >= 1, "\(result.stdout)\(result.stderr)")
            #expect(try result.json()["interpreter"] as? String == "model")
        }
    }

    @Test(arguments: ["delete the backend deployment", "exec into the backend", "scale backend to 40"])
    func aRefusalInAutoModeStaysARefusal(request: String) async throws {
        try await ModelServer.with([Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)]) { url, server in
            let model = openAI(url, interpreter: "auto")
            let result = try await KaiProcess.plan(model.flags + ["-o", "json", request], environment: model.environment)
            #expect(result.status == 4, "\(result.stdout)\(result.stderr)")
            #expect(try result.json()["interpreter"] as? String == "local")
            #expect(await server.received.isEmpty)
        }
    }

    @Test func anErrorTheModelCausedIsReportedAsTheModels() async throws {
        let nonsense = Documented.openAIToolCall("scale", #"{"target":"backend","replicas":"lots"}"#)
        try await ModelServer.with([nonsense, nonsense]) { url, _ in
            let model = openAI(url, interpreter: "model")
            let result = try await KaiProcess.plan(model.flags + ["-o", "json", "more api replicas"], environment: model.environment)
            #expect(result.status == 6, "\(result.stdout)\(result.stderr)")
            let document = try result.json()
            #expect(document["interpreter"] as? String == "model")
            #expect(((document["error"] as? [String: Any])?["message"] as? String)?.hasPrefix("The model's reply could not be used") == true)
        }
    }

    @Test func aGrammarErrorIsReportedAsTheGrammars() async throws {
        let result = try await KaiProcess.plan(["-o", "json", "--interpreter", "local", "scale backend to 1.5"])
        #expect(result.status == 2)
        #expect(try result.json()["interpreter"] as? String == "local")
    }

    @Test func aReadIsKeptWhenTheNextReplyIsEmpty() async throws {
        try await ModelServer.with([Documented.openAIToolCall("rolloutStatus", #"{"target":"backend"}"#), Documented.openAIWholeText("")]) { url, _ in
            let model = openAI(url, interpreter: "model")
            let result = try await KaiProcess.plan(model.flags + ["-o", "json", "how is the api rollout going"], environment: model.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let document = try result.json()
            #expect(document["interpreter"] as? String == "model")
            let steps = try #require(document["steps"] as? [[String: Any]])
            #expect(steps.map { $0["op"] as? String } == ["rolloutStatus"])
            #expect(document["understanding"] as? [String] == ["the model read this and then said nothing more"])
        }
    }

    @Test func aReadIsKeptWhenTheRepliesAfterItCannotBeUsed() async throws {
        let bare = Documented.openAIWholeText("functions.describe:")
        try await ModelServer.with([Documented.openAIToolCall("logs", #"{"target":"frontend"}"#), bare, bare]) { url, server in
            let model = openAI(url, interpreter: "model")
            let result = try await KaiProcess.plan(model.flags + ["--tool-mode", "native", "-o", "json", "what does the web ui log"],
                                                   environment: model.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let document = try result.json()
            #expect((document["steps"] as? [[String: Any]])?.map { $0["op"] as? String } == ["logs"])
            #expect(document["understanding"] as? [String] == ["the model read this and then sent a reply that could not be used"])
            #expect(await server.received.count == 3)
        }
    }

    @Test func aContextOverflowIsNotRetried() async throws {
        try await ModelServer.with([Self.overflow, Self.overflow, Self.overflow]) { url, server in
            let model = openAI(url, interpreter: "model")
            let result = try await KaiProcess.plan(model.flags + ["more api replicas"], environment: model.environment)
            #expect(result.status == 6, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("The request is too long for the model's context"))
            #expect(result.stderr.contains("the request exceeds the available context size"))
            #expect(result.stderr.contains("kai did not send it again"))
            #expect(await server.received.count == 1)
        }
    }

    @Test func readResultsAreClippedToFitWhenTheContextOverflows() async throws {
        let lines = (1...400).map { "request \($0) served in 12 ms by worker \($0 % 4)" }
        try await TestCluster.with(logLines: ["backend": lines]) { cluster in
            let replies = [Documented.openAIToolCall("logs", #"{"target":"backend","tail":400}"#), Self.overflow,
                           Documented.openAIWholeText("The backend serves requests in about 12 ms.")]
            try await ModelServer.with(replies) { url, server in
                let model = openAI(url, interpreter: "model")
                let result = try await cluster.kai(model.flags + ["what do the api logs say"], environment: model.environment)
                #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
                #expect(result.stdout.contains("The backend serves requests in about 12 ms."))
                let received = await server.received
                #expect(received.count == 3)
                func toolResult(_ index: Int) -> String {
                    let messages = received[index].json["messages"] as? [[String: Any]] ?? []
                    return messages.last { $0["role"] as? String == "tool" }?["content"] as? String ?? ""
                }
                #expect(toolResult(1).count > 5_000 && toolResult(1).count <= 6_100)
                #expect(toolResult(2).count <= 1_600 && toolResult(2).hasSuffix("request 400 served in 12 ms by worker 0\n</cluster-data>"))
                #expect(toolResult(2).contains("[earlier lines left out]"))
            }
        }
    }
}

import Foundation
import KaiTestSupport
import Testing

/// Ollama and llama.cpp's server as providers of their own: their default addresses, no key
/// needed, the OpenAI-compatible wire format; and a reply kai cannot use says what the model sent.
@Suite("Local servers as providers, through the binary", .serialized)
struct LocalProviderTests {
    @Test(arguments: [("ollama", "http://127.0.0.1:11434/v1", "qwen2.5-coder:1.5b"), ("llamacpp", "http://127.0.0.1:8080/v1", "local")])
    func aLocalProviderHasItsDefaultAddress(provider: String, baseURL: String, model: String) async throws {
        let result = try await KaiProcess.run(["config", "show", "--provider", provider, "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let settings = try #require(try result.json()["settings"] as? [String: [String: String]])
        #expect(settings["baseURL"]?["value"] == baseURL)
        #expect(settings["model"]?["value"] == model)
    }

    @Test func ollamaIsAskedWithoutAKey() async throws {
        try await ModelServer.with([Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)]) { url, server in
            let result = try await KaiProcess.plan(["--provider", "ollama", "--interpreter", "model", "-o", "json", "more api replicas"],
                                                   environment: ["OLLAMA_BASE_URL": url.appendingPathComponent("v1").absoluteString])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let request = try #require(await server.received.first)
            #expect(request.uri == "/v1/chat/completions")
            #expect(request.headers["authorization"] == nil)
            #expect(request.json["model"] as? String == "qwen2.5-coder:1.5b")
        }
    }

    @Test func anUnusableReplySaysWhatTheModelSent() async throws {
        let empty = ModelServer.Reply.json(#"{"id":"x","object":"chat.completion","created":1,"model":"local","choices":[{"index":0,"message":{"role":"assistant","content":" \n "},"finish_reason":"length"}],"usage":{"prompt_tokens":700,"completion_tokens":1024}}"#)
        try await ModelServer.with([empty, empty]) { url, server in
            let result = try await KaiProcess.plan(["--provider", "llamacpp", "--base-url", url.appendingPathComponent("v1").absoluteString,
                                                    "--interpreter", "model", "more api replicas"])
            #expect(result.status == 6, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("The model's reply could not be used: it answered with neither text nor a tool call. It sent: "))
            #expect(result.stderr.contains(#""finish_reason":"length""#))
            #expect(await server.received.count == 2)
        }
    }

    @Test func anEmptyReplyIsAskedAgainOnceAndItsAnswerIsUsed() async throws {
        // llama-cpp-python's chatml-function-calling server turns a reply the model begins as text into "".
        let empty = ModelServer.Reply.json(#"{"id":"x","object":"chat.completion","created":1,"model":"local","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":700,"completion_tokens":7}}"#)
        try await ModelServer.with([empty, Documented.openAIToolCall("list", #"{"kind":"pods"}"#), empty]) { url, server in
            let result = try await KaiProcess.plan(["--provider", "llamacpp", "--base-url", url.appendingPathComponent("v1").absoluteString,
                                                    "--interpreter", "model", "-o", "json", "what pods are there"])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let steps = try #require(try result.json()["steps"] as? [[String: Any]])
            #expect(steps.map { $0["op"] as? String } == ["list"])
            let second = try #require(await server.received.dropFirst().first?.json["messages"] as? [[String: Any]])
            #expect(second.last?["role"] as? String == "user")
            #expect((second.last?["content"] as? String)?.hasPrefix("Your reply was empty.") == true)
        }
    }

    @Test func aCallWithoutArgumentsIsAskedAgainWithThatToolRequired() async throws {
        // llama-cpp-python's server lets a model that began a text reply write only a tool's name.
        let calls = [Documented.openAIWholeText("functions.list:"), Documented.openAIToolCall("list", #"{"kind":"pods"}"#), Documented.openAIWholeText("")]
        try await ModelServer.with(calls) { url, server in
            let result = try await KaiProcess.plan(["--provider", "llamacpp", "--base-url", url.appendingPathComponent("v1").absoluteString,
                                                    "--interpreter", "model", "--tool-mode", "native", "-o", "json", "what pods are there"])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let steps = try #require(try result.json()["steps"] as? [[String: Any]])
            #expect(steps.map { $0["op"] as? String } == ["list"])
            let received = await server.received
            #expect(received.count == 3 && received.first?.json["tool_choice"] as? String == "auto")
            let required = try #require(received.dropFirst().first?.json["tool_choice"] as? [String: Any])
            #expect(required["type"] as? String == "function" && (required["function"] as? [String: Any])?["name"] as? String == "list")
        }
    }

    @Test func aRejectedCallIsQuotedAsSentWithControlCharactersMadeVisible() async throws {
        // The arguments' text holds a real ESC (JSON's \u001b in the reply).
        let wrong = ModelServer.Reply.json(#"{"id":"x","object":"chat.completion","created":1,"model":"local","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"scale","arguments":"{\"target\":\"backend\",\"replicas\":\"lots\u001b[2J\"}"}}]},"finish_reason":"tool_calls"}]}"#)
        try await ModelServer.with([wrong, wrong]) { url, _ in
            let result = try await KaiProcess.plan(["--provider", "llamacpp", "--base-url", url.appendingPathComponent("v1").absoluteString,
                                                    "--interpreter", "model", "more api replicas"])
            #expect(result.status == 6, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains(#"It sent: scale {"target":"backend","replicas":"lots"#))
            #expect(!result.stderr.contains("\u{1b}[2J"))
        }
    }
}

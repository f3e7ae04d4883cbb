import Foundation
import KaiTestSupport
import Testing

/// `--tool-mode`: native tool calls, or one JSON object asked for with `response_format` and a schema
/// that is the union of the catalog's operations, read back through the same checks; auto falls back
/// when a server rejects `response_format`.
@Suite("Tool modes against an OpenAI-compatible server, through the binary", .serialized)
struct ToolModeTests {
    func server(_ url: URL, mode: String) -> (flags: [String], environment: [String: String]) {
        (["--provider", "openai", "--base-url", url.appendingPathComponent("v1").absoluteString, "--interpreter", "model", "--tool-mode", mode],
         ["OPENAI_API_KEY": "sk-test-0123456789abcdef"])
    }

    static let scaleBackend = Documented.openAIWholeText(#"{"calls": [{"tool": "scale", "arguments": {"target": "backend", "replicas": 3}}], "message": ""}"#)
    /// llama-cpp-python's server: it validates `response_format.type` against "text" and "json_object".
    static let rejectsJSONSchema = ModelServer.Reply.json(
        #"{"detail":[{"type":"literal_error","loc":["body","response_format","type"],"msg":"Input should be 'text' or 'json_object'","input":"json_schema"}]}"#, status: 422)
    static let rejectsResponseFormat = ModelServer.Reply.json(
        #"{"error":{"message":"response_format is not supported by this server","type":"invalid_request_error"}}"#, status: 400)

    static let catalog: Set<String> = ["list", "describe", "logs", "events", "diagnose", "resources", "rolloutStatus", "rolloutHistory",
                                       "scale", "restart", "autoscale", "rollback", "setImage", "setResources", "removeAutoscaler", "deletePod"]
    /// What "more api replicas" is offered: every read, and the one change it asks for.
    static let offeredForMoreReplicas: Set<String> = ["list", "describe", "logs", "events", "diagnose", "resources", "rolloutStatus", "rolloutHistory",
                                                      "scale"]

    func responseFormat(_ received: ModelServer.Received?) -> [String: Any]? { received?.json["response_format"] as? [String: Any] }

    @Test func jsonModeAsksForTheCatalogsUnionAndPlansTheObjectItGets() async throws {
        try await ModelServer.with([Self.scaleBackend]) { url, model in
            let flags = server(url, mode: "json")
            let result = try await KaiProcess.plan(flags.flags + ["-o", "json", "more api replicas"], environment: flags.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let steps = try #require(try result.json()["steps"] as? [[String: Any]])
            #expect(steps.first?["op"] as? String == "scale" && (steps.first?["args"] as? [String: Int]) == ["replicas": 3])
            let request = try #require(await model.received.first)
            #expect(request.json["tools"] == nil)
            let format = try #require(responseFormat(request))
            #expect(format["type"] as? String == "json_schema")
            let schema = try #require((format["json_schema"] as? [String: Any])?["schema"] as? [String: Any])
            let calls = try #require((schema["properties"] as? [String: Any])?["calls"] as? [String: Any])
            let branches = try #require((calls["items"] as? [String: Any])?["anyOf"] as? [[String: Any]])
            let tools = branches.compactMap { (($0["properties"] as? [String: Any])?["tool"] as? [String: Any])?["const"] as? String }
            // Every read of the catalog and the one change the request asks for, each once.
            #expect(Set(tools) == Self.offeredForMoreReplicas && tools.count == Self.offeredForMoreReplicas.count)
            // One part naming one object: one call, neither none (a refusal quoting the call) nor a list of repeats.
            #expect(calls["minItems"] as? Int == 1 && calls["maxItems"] as? Int == 1)
        }
    }

    @Test func jsonModeReadsAnAnswerAndSendsReadsBackAsText() async throws {
        let describe = Documented.openAIWholeText(#"{"calls": [{"tool": "describe", "arguments": {"target": "backend"}}], "message": ""}"#)
        let answer = Documented.openAIWholeText(#"{"calls": [], "message": "The backend has 2 ready replicas."}"#)
        try await ModelServer.with([describe, answer]) { url, model in
            let flags = server(url, mode: "json")
            let result = try await KaiProcess.plan(flags.flags + ["how many api replicas are ready"], environment: flags.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout == "The backend has 2 ready replicas.\n")
            let messages = try #require(await model.received.last?.json["messages"] as? [[String: Any]])
            #expect(!messages.contains { $0["role"] as? String == "tool" })
            #expect((messages.last?["content"] as? String)?.hasPrefix("Result of describe (json_1):\n<cluster-data>") == true)
            #expect((messages.dropLast().last?["content"] as? String)?.contains(#""tool":"describe""#) == true)
            // After a read's result, the model may answer in words or call up to a plan's worth of steps.
            let bounds = await model.received.map { received -> [Int?] in
                let format = responseFormat(received)
                let schema = (format?["json_schema"] as? [String: Any])?["schema"] as? [String: Any]
                let calls = (schema?["properties"] as? [String: Any])?["calls"] as? [String: Any]
                return [calls?["minItems"] as? Int, calls?["maxItems"] as? Int]
            }
            #expect(bounds == [[1, 1], [nil, 20]])
        }
    }

    @Test func jsonModeTriesLlamaCppsFormWhenJSONSchemaIsRejected() async throws {
        try await ModelServer.with([Self.rejectsJSONSchema, Self.scaleBackend]) { url, model in
            let flags = server(url, mode: "json")
            let result = try await KaiProcess.plan(flags.flags + ["-o", "json", "more api replicas"], environment: flags.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let received = await model.received
            #expect(received.count == 2)
            let format = try #require(responseFormat(received.last))
            #expect(format["type"] as? String == "json_object" && format["schema"] != nil)
        }
    }

    @Test func anUnfinishedJSONReplyIsAnErrorNotAnAnswer() async throws {
        let cut = Documented.openAIWholeText(#"{ "calls": [ { "arguments": { "target": "backend", "tail": 10 }, "tool": "logs"}, { "argu"#)
        try await ModelServer.with([Self.rejectsJSONSchema, cut]) { url, _ in
            let flags = server(url, mode: "json")
            let result = try await KaiProcess.plan(flags.flags + ["-o", "json", "more api replicas"], environment: flags.environment)
            #expect(result.status == 6, "\(result.stdout)\(result.stderr)")
            let document = try result.json()
            #expect(document["answer"] == nil)
            #expect(((document["error"] as? [String: Any])?["message"] as? String)?.contains("its JSON object is unfinished or malformed") == true)
        }
    }

    @Test func jsonModeSaysSoWhenTheServerRejectsResponseFormat() async throws {
        try await ModelServer.with([Self.rejectsResponseFormat, Self.rejectsResponseFormat]) { url, model in
            let flags = server(url, mode: "json")
            let result = try await KaiProcess.plan(flags.flags + ["more api replicas"], environment: flags.environment)
            #expect(result.status == 6, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("does not accept response_format with a JSON Schema (400): response_format is not supported by this server."))
            #expect(result.stderr.contains("Use --tool-mode native"))
            #expect(await model.received.count == 2)
        }
    }

    @Test func autoModeFallsBackToNativeToolCallsWhenResponseFormatIsRejected() async throws {
        let native = Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)
        try await ModelServer.with([Self.rejectsResponseFormat, Self.rejectsResponseFormat, native]) { url, model in
            let flags = server(url, mode: "auto")
            let result = try await KaiProcess.plan(flags.flags + ["-o", "json", "more api replicas"], environment: flags.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect((try result.json()["steps"] as? [[String: Any]])?.first?["op"] as? String == "scale")
            let received = await model.received
            #expect(received.count == 3)
            #expect(responseFormat(received.last) == nil && (received.last?.json["tools"] as? [Any])?.isEmpty == false)
        }
    }

    @Test func autoModeAsksALocalServerForJSONFirst() async throws {
        try await ModelServer.with([Self.scaleBackend]) { url, model in
            let flags = server(url, mode: "auto")
            let result = try await KaiProcess.plan(flags.flags + ["-o", "json", "more api replicas"], environment: flags.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(responseFormat(await model.received.first)?["type"] as? String == "json_schema")
        }
    }

    @Test func nativeModeOffersToolsAndNoResponseFormat() async throws {
        try await ModelServer.with([Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)]) { url, model in
            let flags = server(url, mode: "native")
            let result = try await KaiProcess.plan(flags.flags + ["more api replicas"], environment: flags.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let request = try #require(await model.received.first)
            let tools = (request.json["tools"] as? [[String: Any]] ?? []).compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
            #expect(responseFormat(request) == nil && Set(tools) == Self.offeredForMoreReplicas)
        }
    }

    @Test func aToolModeThatIsNotOneIsAUsageError() async throws {
        let result = try await KaiProcess.plan(["--tool-mode", "grammar", "scale backend to 3"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\"grammar\" is not a tool mode; use native, json, auto."))
    }
}

import Foundation
import KaiConfig
import KaiCore
import KaiProviders
import KaiTestSupport
import Testing

/// Each provider against a local server answering as its documentation shows: the request kai
/// sends (path, headers, body), streamed and whole answers, text and tool calls, token usage.
@Suite("Model providers' wire formats")
struct WireFormatTests {
    @Test func openAIStreamsATextOnlyRoundButAsksForAToolRoundWhole() async throws {
        let textOnly = ModelRequest(system: sampleRequest.system, messages: sampleRequest.messages, tools: [])
        let (reply, streamed, received) = try await exchange(.openai, [Documented.openAIText], request: textOnly)
        #expect(try reply.get().text == "The backend has 2 ready replicas.")
        #expect(streamed == ["The backend has ", "2 ready replicas."])
        #expect(received.first?.json["stream"] as? Bool == true)
        // A streamed reply carries its usage only when asked for it, in a last chunk with no choices.
        #expect((received.first?.json["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
        #expect(try reply.get().usage == TokenUsage(input: 812, output: 9))
        let tools = try await exchange(.openai, [Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)])
        #expect(try tools.reply.get().toolCalls.map(\.name) == ["scale"])
        #expect(tools.received.first?.json["stream"] as? Bool == false)
    }

    @Test func aRequiredToolIsAskedForInEachProvidersOwnWords() async throws {
        var request = sampleRequest
        request.requiredTool = "scale"
        let openAI = try await exchange(.openai, [Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)], request: request)
        let openAIChoice = openAI.received.first?.json["tool_choice"] as? [String: Any]
        #expect(openAIChoice?["type"] as? String == "function" && (openAIChoice?["function"] as? [String: Any])?["name"] as? String == "scale")
        let anthropic = try await exchange(.anthropic, [Documented.anthropicJSON], request: request)
        let anthropicChoice = anthropic.received.first?.json["tool_choice"] as? [String: Any]
        #expect(anthropicChoice?["type"] as? String == "tool" && anthropicChoice?["name"] as? String == "scale")
        let gemini = try await exchange(.gemini, [Documented.geminiFunctionCallJSON], request: request)
        let config = (gemini.received.first?.json["toolConfig"] as? [String: Any])?["functionCallingConfig"] as? [String: Any]
        #expect(config?["mode"] as? String == "ANY" && config?["allowedFunctionNames"] as? [String] == ["scale"])
        let unforced = try await exchange(.gemini, [Documented.geminiFunctionCallJSON])
        #expect(unforced.received.first?.json["toolConfig"] == nil)
    }

    @Test func openAIStreamsTextAndReadsTheUsageChunk() async throws {
        let (reply, streamed, received) = try await exchange(.openai, [Documented.openAIText])
        let answer = try reply.get()
        #expect(streamed == ["The backend has ", "2 ready replicas."])
        #expect(answer.text == "The backend has 2 ready replicas.")
        #expect(answer.usage == TokenUsage(input: 812, output: 9))
        let request = try #require(received.first)
        #expect(request.method == "POST" && request.uri == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer test-key-123")
        let body = request.json
        #expect(body["model"] as? String == "gpt-4o-mini")
        // A round that offers tools is asked whole from a server other than OpenAI's own.
        #expect(body["stream"] as? Bool == false)
        #expect(body["stream_options"] == nil)
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user"])
        let tool = try #require((body["tools"] as? [[String: Any]])?.first)
        #expect(tool["type"] as? String == "function")
        #expect((tool["function"] as? [String: Any])?["name"] as? String == "scale")
    }

    @Test func openAIAssemblesStreamedToolCallsByIndex() async throws {
        let answer = try await exchange(.openai, [Documented.openAIStreamedToolCalls]).reply.get()
        #expect(answer.toolCalls == [ToolCall(id: "call_a", name: "scale", arguments: #"{"target": "backend", "replicas": 3}"#),
                                     ToolCall(id: "call_b", name: "restart", arguments: #"{"target":"frontend"}"#)])
    }

    @Test func openAIReadsAWholeJSONAnswer() async throws {
        let answer = try await exchange(.openai, [Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)]).reply.get()
        #expect(answer.toolCalls.first?.name == "scale")
        #expect(answer.toolCalls.first?.arguments == #"{"target":"backend","replicas":3}"#)
        #expect(answer.usage == TokenUsage(input: 900, output: 20))
    }

    @Test func azureUsesTheDeploymentURLTheAPIVersionAndTheAPIKeyHeader() async throws {
        let (_, _, received) = try await exchange(.azure, [Documented.openAIText])
        let request = try #require(received.first)
        #expect(request.uri == "/openai/deployments/kai-gpt/chat/completions?api-version=2024-10-21")
        #expect(request.headers["api-key"] == "test-key-123")
        #expect(request.headers["authorization"] == nil)
    }

    @Test func openAISendsToolResultsBackAsToolMessagesAndNeverANullContent() async throws {
        let call = ToolCall(id: "call_1", name: "logs", arguments: #"{"target":"backend"}"#)
        let request = ModelRequest(system: "s", messages: [.user("why"), .assistant(text: "", toolCalls: [call]),
                                                          .toolResult(ToolResult(callID: "call_1", name: "logs", content: "line", isError: false))],
                                   tools: [])
        let received = try await exchange(.openai, [Documented.openAIText], request: request).received
        let messages = try #require(received.first?.json["messages"] as? [[String: Any]])
        #expect(messages[2]["content"] as? String == "")
        #expect(((messages[2]["tool_calls"] as? [[String: Any]])?.first?["function"] as? [String: Any])?["arguments"] as? String == #"{"target":"backend"}"#)
        #expect(messages[3]["role"] as? String == "tool")
        #expect(messages[3]["tool_call_id"] as? String == "call_1")
    }

    @Test func anthropicStreamsTextAndToolUseBlocks() async throws {
        let (reply, streamed, received) = try await exchange(.anthropic, [Documented.anthropicStreamed])
        let answer = try reply.get()
        #expect(streamed == ["Scaling the ", "backend."])
        #expect(answer.toolCalls == [ToolCall(id: "toolu_01", name: "scale", arguments: #"{"target": "backend", "replicas": 3}"#)])
        #expect(answer.usage == TokenUsage(input: 472, output: 89))
        let request = try #require(received.first)
        #expect(request.uri == "/v1/messages")
        #expect(request.headers["x-api-key"] == "test-key-123")
        #expect(request.headers["anthropic-version"] == "2023-06-01")
        let body = request.json
        #expect(body["system"] as? String == "You are kai.")
        #expect(body["max_tokens"] as? Int == 1024)
        #expect(((body["tools"] as? [[String: Any]])?.first?["input_schema"] as? [String: Any])?["type"] as? String == "object")
    }

    @Test func anthropicReadsAWholeAnswerAndSendsResultsAsToolResultBlocks() async throws {
        let call = ToolCall(id: "toolu_2", name: "logs", arguments: #"{"target":"backend","tail":50}"#)
        let request = ModelRequest(system: "s", messages: [.user("why"), .assistant(text: "Looking.", toolCalls: [call]),
                                                          .toolResult(ToolResult(callID: "toolu_2", name: "logs", content: "Traceback", isError: false))],
                                   tools: [])
        let (reply, _, received) = try await exchange(.anthropic, [Documented.anthropicJSON], request: request)
        let answer = try reply.get()
        #expect(answer.text == "Looking at the logs first.")
        #expect(answer.toolCalls.first?.name == "logs")
        let messages = try #require(received.first?.json["messages"] as? [[String: Any]])
        let assistant = try #require(messages[1]["content"] as? [[String: Any]])
        #expect(assistant.map { $0["type"] as? String } == ["text", "tool_use"])
        #expect((assistant[1]["input"] as? [String: Any])?["tail"] as? Int == 50)
        let result = try #require((messages[2]["content"] as? [[String: Any]])?.first)
        #expect(messages[2]["role"] as? String == "user")
        #expect(result["type"] as? String == "tool_result" && result["tool_use_id"] as? String == "toolu_2")
    }

    @Test func geminiStreamsResponsesAndReadsFunctionCalls() async throws {
        let (reply, streamed, received) = try await exchange(.gemini, [Documented.geminiStreamed])
        #expect(try reply.get().text == "The backend is healthy.")
        #expect(streamed == ["The backend", " is healthy."])
        #expect(try reply.get().usage == TokenUsage(input: 310, output: 6))
        let request = try #require(received.first)
        #expect(request.uri == "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse")
        #expect(request.headers["x-goog-api-key"] == "test-key-123")
        let body = request.json
        #expect(((body["systemInstruction"] as? [String: Any])?["parts"] as? [[String: Any]])?.first?["text"] as? String == "You are kai.")
        let declarations = ((body["tools"] as? [[String: Any]])?.first?["functionDeclarations"] as? [[String: Any]]) ?? []
        #expect(declarations.first?["name"] as? String == "scale")

        let call = try await exchange(.gemini, [Documented.geminiFunctionCallJSON]).reply.get()
        #expect(call.toolCalls.first?.name == "scale")
        #expect(JSON.decodeObject(call.toolCalls.first?.arguments) == ["target": "backend", "replicas": 3])
    }

    @Test func geminiSendsFunctionResponsesUnderTheCallsName() async throws {
        let call = ToolCall(id: "call_0", name: "logs", arguments: #"{"target":"backend"}"#)
        let request = ModelRequest(system: "s", messages: [.user("why"), .assistant(text: "", toolCalls: [call]),
                                                          .toolResult(ToolResult(callID: "call_0", name: "logs", content: "ok", isError: false))],
                                   tools: [])
        let received = try await exchange(.gemini, [Documented.geminiStreamed], request: request).received
        let contents = try #require(received.first?.json["contents"] as? [[String: Any]])
        #expect(contents.map { $0["role"] as? String } == ["user", "model", "user"])
        let response = try #require(((contents[2]["parts"] as? [[String: Any]])?.first?["functionResponse"]) as? [String: Any])
        #expect(response["name"] as? String == "logs")
        #expect((response["response"] as? [String: Any])?["content"] as? String == "ok")
    }

    /// kai says a correction in words after the tool results too; the APIs that take alternating turns
    /// get both in one user turn.
    @Test func wordsAfterToolResultsJoinThemInOneUserTurn() async throws {
        let call = ToolCall(id: "call_0", name: "logs", arguments: #"{"target":"backend"}"#)
        let request = ModelRequest(system: "s", messages: [.user("why"), .assistant(text: "", toolCalls: [call]),
                                                          .toolResult(ToolResult(callID: "call_0", name: "logs", content: "Not run", isError: true)),
                                                          .user("kai did not run your calls.")],
                                   tools: [])
        let anthropic = try #require(try await exchange(.anthropic, [Documented.anthropicJSON], request: request).received.first?.json["messages"] as? [[String: Any]])
        #expect(anthropic.map { $0["role"] as? String } == ["user", "assistant", "user"])
        #expect((anthropic[2]["content"] as? [[String: Any]])?.map { $0["type"] as? String } == ["tool_result", "text"])
        let gemini = try #require(try await exchange(.gemini, [Documented.geminiStreamed], request: request).received.first?.json["contents"] as? [[String: Any]])
        #expect(gemini.map { $0["role"] as? String } == ["user", "model", "user"])
        #expect((gemini[2]["parts"] as? [[String: Any]])?.last?["text"] as? String == "kai did not run your calls.")
        let openAI = try #require(try await exchange(.openai, [Documented.openAIText], request: request).received.first?.json["messages"] as? [[String: Any]])
        #expect(openAI.map { $0["role"] as? String } == ["system", "user", "assistant", "tool", "user"])
    }
}

extension JSON {
    /// `text` decoded as a JSON object, for comparing tool-call arguments.
    static func decodeObject(_ text: String?) -> JSON? {
        text.flatMap { try? JSONDecoder().decode(JSON.self, from: Data($0.utf8)) }
    }
}

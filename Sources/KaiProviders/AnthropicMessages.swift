import AsyncHTTPClient
import Foundation
import KaiCore

/// Anthropic's Messages API with tools: `tool_use` blocks in the model's turns, `tool_result`
/// blocks in ours, streamed as `message_start` … `content_block_delta` … `message_stop` events.
public struct AnthropicMessages: ModelProvider {
    /// The API version kai speaks (the `anthropic-version` header).
    static let version = "2023-06-01"
    let transport: ProviderTransport

    public init(endpoint: ProviderEndpoint) {
        transport = ProviderTransport(endpoint: endpoint)
    }

    var endpoint: ProviderEndpoint { transport.endpoint }
    public var name: String { "anthropic \(endpoint.model)" }

    private var headers: [(String, String)] {
        [("anthropic-version", Self.version)] + (endpoint.apiKey.map { [("x-api-key", $0.value)] } ?? [])
    }

    public func complete(_ request: ModelRequest, onText: @escaping @Sendable (String) -> Void) async throws -> ModelReply {
        let sink = TextSink(onText)
        let model = endpoint.model
        return try await transport.send("\(endpoint.base)/v1/messages", headers: headers, request: request, encode: { Self.body($0, model: model) }) { response in
            if response.headers.first(name: "Content-Type")?.contains("text/event-stream") == true {
                return try await Self.streamed(response, sink: sink, endpoint: transport.endpoint)
            }
            guard let document = try await BodyReader.document(response.body) else {
                throw Self.malformed(transport.endpoint, "its answer is not JSON")
            }
            let reply = try Self.reply(from: document, endpoint: transport.endpoint)
            sink.send(reply.text)
            return reply
        }
    }

    public func probe() async throws {
        try await transport.get("\(endpoint.base)/v1/models", headers: headers)
    }

    public func shutdown() async { await transport.shutdown() }

    /// The request body, as the Messages API reference documents it.
    static func body(_ request: ModelRequest, model: String) -> JSON {
        var messages: [JSON] = []
        var pendingResults: [JSON] = []
        func flushResults() {
            if !pendingResults.isEmpty { messages.append(["role": "user", "content": .array(pendingResults)]) }
            pendingResults = []
        }
        for message in request.messages {
            switch message {
            case .user(let text) where !pendingResults.isEmpty:
                // Words after tool results join them in one user turn: the API takes turns that alternate.
                pendingResults.append(["type": "text", "text": .string(text)])
                flushResults()
            case .user(let text):
                messages.append(["role": "user", "content": .string(text)])
            case .assistant(let text, let calls):
                flushResults()
                var blocks: [JSON] = text.isEmpty ? [] : [["type": "text", "text": .string(text)]]
                blocks += calls.map { ["type": "tool_use", "id": .string($0.id), "name": .string($0.name), "input": JSONBody.object($0.arguments)] }
                messages.append(["role": "assistant", "content": .array(blocks)])
            case .toolResult(let result):
                // Every result of one assistant turn goes back in a single user message, as the API requires.
                pendingResults.append(["type": "tool_result", "tool_use_id": .string(result.callID), "content": .string(result.content),
                                       "is_error": .bool(result.isError)])
            }
        }
        flushResults()
        var body: [String: JSON] = ["model": .string(model), "max_tokens": .int(request.maxTokens), "system": .string(request.system),
                                         "messages": .array(messages), "temperature": 0, "stream": true]
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map { tool in
                var definition: JSON = ["name": .string(tool.name), "input_schema": tool.parameters]
                if !tool.description.isEmpty { definition["description"] = .string(tool.description) }
                return definition
            })
            if let tool = request.requiredTool { body["tool_choice"] = ["type": "tool", "name": .string(tool)] }
        }
        return .object(body)
    }

    /// A whole answer: `content` blocks and `usage`.
    static func reply(from document: JSON, endpoint: ProviderEndpoint) throws -> ModelReply {
        if document["type"]?.string == "error" { throw malformed(endpoint, "it answered with an error: \(document["error"]?["message"]?.string ?? "unknown")") }
        guard let blocks = document["content"]?.array else { throw malformed(endpoint, "its answer has no content") }
        var reply = ModelReply(usage: usage(document["usage"]))
        for block in blocks {
            switch block["type"]?.string {
            case "text": reply.text += block["text"]?.string ?? ""
            case "tool_use":
                reply.toolCalls.append(ToolCall(id: block["id"]?.string ?? "toolu_\(reply.toolCalls.count)", name: block["name"]?.string ?? "",
                                                arguments: block["input"].map(JSONBody.text) ?? "{}"))
            default: break
            }
        }
        return reply
    }

    /// A streamed answer: text and tool-input deltas by block index, usage from `message_start` and `message_delta`.
    static func streamed(_ response: HTTPClientResponse, sink: TextSink, endpoint: ProviderEndpoint) async throws -> ModelReply {
        var text = ""
        var calls = ToolCallAssembly()
        var tokens = TokenUsage()
        try await BodyReader.events(response.body, emitted: { sink.emitted }) { event in
            guard let data = JSONBody.decode(Array(event.data.utf8)) else { throw malformed(endpoint, "a streamed event is not JSON") }
            switch data["type"]?.string ?? event.name {
            case "message_start":
                tokens.input = data["message"]?["usage"]?["input_tokens"]?.int ?? 0
                tokens.output = data["message"]?["usage"]?["output_tokens"]?.int ?? 0
            case "content_block_start":
                if let block = data["content_block"], block["type"]?.string == "tool_use" {
                    calls.add(index: data["index"]?.int ?? 0, id: block["id"]?.string, name: block["name"]?.string, arguments: nil)
                } else if let piece = data["content_block"]?["text"]?.string {
                    text += piece
                    sink.send(piece)
                }
            case "content_block_delta":
                let delta = data["delta"]
                if let piece = delta?["text"]?.string {
                    text += piece
                    sink.send(piece)
                }
                if let json = delta?["partial_json"]?.string {
                    calls.add(index: data["index"]?.int ?? 0, id: nil, name: nil, arguments: json)
                }
            case "message_delta":
                tokens.output = data["usage"]?["output_tokens"]?.int ?? tokens.output
            case "message_stop":
                return true
            case "error":
                throw ProviderError(.serverError, problem: "anthropic at \(endpoint.shown) failed mid-reply: \(data["error"]?["message"]?.string ?? "unknown error").",
                                    remedy: "Nothing was run. Try again.")
            default:
                break  // ping, content_block_stop
            }
            return false
        }
        // A tool_use block with no input deltas has the empty input {}.
        let toolCalls = calls.toolCalls.map { $0.arguments.isEmpty ? ToolCall(id: $0.id, name: $0.name, arguments: "{}") : $0 }
        return ModelReply(text: text, toolCalls: toolCalls, usage: tokens)
    }

    static func usage(_ value: JSON?) -> TokenUsage {
        TokenUsage(input: value?["input_tokens"]?.int ?? 0, output: value?["output_tokens"]?.int ?? 0)
    }

    static func malformed(_ endpoint: ProviderEndpoint, _ why: String) -> ProviderError {
        ProviderError(.malformedReply, problem: "The reply from anthropic at \(endpoint.shown) cannot be read: \(why).",
                      remedy: "Nothing was run. Check the base URL points at the Messages API (https://api.anthropic.com).")
    }
}

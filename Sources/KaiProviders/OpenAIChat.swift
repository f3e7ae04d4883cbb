import AsyncHTTPClient
import Foundation
import KaiCore
import Synchronization

/// OpenAI's Chat Completions API with tool calling, as OpenAI, Azure OpenAI, Ollama, llama.cpp's
/// server, vLLM, LM Studio and Cohere's compatibility endpoint speak it. Text-only rounds are
/// streamed (`stream: true`, server-sent events ending in `[DONE]`); a round that offers tools is
/// streamed only by OpenAI's and Azure OpenAI's hosted APIs, which are known to stream tool calls
/// correctly, and is asked for whole everywhere else (llama.cpp's Python server, asked to stream
/// with tools, answers with the text `functions.scale:` instead of a tool call). A server that
/// answers with one JSON document instead of a stream is read as that.
public final class OpenAIChat: ModelProvider {
    let transport: ProviderTransport
    /// Whether to ask for streamed replies: true until a server shows it cannot stream them with tools.
    private let streams = Mutex(true)
    /// The ways of asking for one JSON object (``StructuredReply``) still to try, in order; empty
    /// means native tool calls. A server that rejects one is asked the next way from then on.
    private let dialects: Mutex<[StructuredReply.Dialect]>

    /// A provider for `endpoint` (kind `.openai` or `.azure`). In tool mode auto, servers other than
    /// OpenAI's and Azure's hosted APIs are asked for one JSON object first.
    public init(endpoint: ProviderEndpoint) {
        transport = ProviderTransport(endpoint: endpoint)
        let isHosted = endpoint.kind == .azure || endpoint.baseURL.host?.lowercased() == "api.openai.com"
        switch endpoint.toolMode {
        case .native: dialects = Mutex([])
        case .json: dialects = Mutex(StructuredReply.Dialect.allCases)
        case .auto: dialects = Mutex(isHosted ? [] : StructuredReply.Dialect.allCases)
        }
    }

    var endpoint: ProviderEndpoint { transport.endpoint }
    public var name: String { "\(endpoint.kind.rawValue) \(endpoint.model)" }

    private var isAzure: Bool { endpoint.kind == .azure }

    private var headers: [(String, String)] {
        guard let key = endpoint.apiKey?.value else { return [] }
        return isAzure ? [("api-key", key)] : [("Authorization", "Bearer \(key)")]
    }

    private func url(_ path: String) -> String {
        isAzure ? "\(endpoint.base)/\(path)?api-version=\(endpoint.apiVersion ?? "2024-10-21")" : "\(endpoint.base)/\(path)"
    }

    /// Whether a round offering tools may be streamed: only OpenAI's own API and Azure OpenAI, whose
    /// streamed tool calls are documented and tested; local and third-party servers are asked whole.
    var streamsToolCalls: Bool {
        isAzure || endpoint.baseURL.host?.lowercased() == "api.openai.com"
    }

    /// Asks for a streamed reply when ``streamsToolCalls`` allows it or no tools are offered; a server
    /// whose stream breaks before any of it arrives is asked again, and from then on, whole.
    public func complete(_ request: ModelRequest, onText: @escaping @Sendable (String) -> Void) async throws -> ModelReply {
        let sink = TextSink(onText)
        if !request.tools.isEmpty, let dialect = dialects.withLock({ $0.first }) {
            return try await completeStructured(request, dialect: dialect, onText: onText, sink: sink)
        }
        if request.tools.isEmpty || streamsToolCalls, streams.withLock({ $0 }) {
            do {
                return try await complete(request, stream: true, sink: sink)
            } catch let error as ProviderError where error.reason == .streamCutBeforeText {
                streams.withLock { $0 = false }
            }
        }
        return try await complete(request, stream: false, sink: sink)
    }

    /// Asks for one JSON object in `dialect`, with the tools as its schema instead of as tools; a
    /// server that rejects it is asked the next way (in tool mode json, until none is left).
    private func completeStructured(_ request: ModelRequest, dialect: StructuredReply.Dialect, onText: @escaping @Sendable (String) -> Void,
                                    sink: TextSink) async throws -> ModelReply {
        var asked = request
        asked.system += StructuredReply.instructions(request.tools)
        asked.messages = StructuredReply.messages(request.messages)
        asked.tools = []
        asked.requiredTool = nil
        // A required tool narrows the schema to that tool's calls.
        let allowed = request.tools.filter { tool in request.requiredTool.map { $0 == tool.name } ?? true }
        do {
            return try await complete(asked, stream: false, sink: sink, format: StructuredReply.responseFormat(allowed, calls: request.callCount, dialect: dialect))
        } catch let error as ProviderError where error.reason == .formatRejected {
            let left = dialects.withLock { dialects in
                dialects.removeAll { $0 == dialect }
                return dialects.count
            }
            if left == 0, endpoint.toolMode == .json { throw error }
            return try await complete(request, onText: onText)
        }
    }

    private func complete(_ request: ModelRequest, stream: Bool, sink: TextSink, format: JSON? = nil) async throws -> ModelReply {
        let endpoint = self.endpoint
        return try await transport.send(url("chat/completions"), headers: headers, request: request, retryCuts: !stream,
                                        encode: { request in
                                            var body = Self.body(request, model: endpoint.model, stream: stream)
                                            if let format { body["response_format"] = format }
                                            return body
                                        }) { response in
            if response.headers.first(name: "Content-Type")?.contains("text/event-stream") == true {
                return try await Self.streamed(response, sink: sink, endpoint: endpoint)
            }
            let document = try await BodyReader.document(response.body)
            guard let document else { throw Self.malformed(endpoint, "its answer is not JSON") }
            var reply = try Self.reply(from: document, endpoint: endpoint)
            if format != nil {
                if let structured = StructuredReply.reply(from: reply.text, usage: reply.usage) {
                    reply = structured
                } else if reply.text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
                    // Begun as the object asked for, never finished (cut at max_tokens): not an answer to show.
                    throw ProviderError(.unusableReply, problem: "The model's reply could not be used: its JSON object is unfinished or malformed. "
                                            + "It sent: \(SentText.clipped(reply.text)).",
                                        remedy: "Nothing was run. Rephrase the request, or try --tool-mode native.")
                }
            }
            sink.send(reply.text)
            return reply
        }
    }

    public func probe() async throws {
        if isAzure {
            let request = ModelRequest(system: "Answer with one word.", messages: [.user("ping")], tools: [], maxTokens: 1)
            _ = try await complete(request) { _ in }
            return
        }
        try await transport.get(url("models"), headers: headers)
    }

    /// Asks, one token each, with a tool offered and with `response_format` in each form; a server
    /// that refuses one answers 4xx (or names the field in a 5xx). OpenAI's and Azure's APIs support both.
    public func support() async throws -> ServerSupport? {
        guard !streamsToolCalls else { return nil }
        let ping = ModelRequest(system: "Answer with one word.", messages: [.user("ping")], tools: [], maxTokens: 1)
        var offering = ping
        offering.tools = [ToolDefinition(name: "ping", description: "Answer a ping.", parameters: ["type": "object", "properties": [:]])]
        let tools = try await accepts(offering, format: nil)
        let schema: JSON = ["type": "object", "properties": ["ok": ["type": "boolean"]], "required": ["ok"]]
        let forms: [(String, JSON)] = [("json_schema", ["type": "json_schema", "json_schema": ["name": "ping", "schema": schema]]),
                                       ("json_object with a schema", ["type": "json_object", "schema": schema])]
        for (name, format) in forms where try await accepts(ping, format: format) {
            return ServerSupport(tools: tools, structuredOutput: name)
        }
        return ServerSupport(tools: tools, structuredOutput: nil)
    }

    /// Whether the server answers `request` (with `format`) with 2xx; a refusal of the request is false,
    /// any other failure is thrown.
    private func accepts(_ request: ModelRequest, format: JSON?) async throws -> Bool {
        do {
            _ = try await complete(request, stream: false, sink: TextSink { _ in }, format: format)
            return true
        } catch let error as ProviderError where [.badRequest, .formatRejected, .notFound].contains(error.reason) {
            return false
        } catch let error as ProviderError where error.reason == .malformedReply {
            // A 2xx whose body kai cannot read still took the request.
            return true
        }
    }

    public func shutdown() async { await transport.shutdown() }

    /// The request body, as the Chat Completions reference documents it.
    static func body(_ request: ModelRequest, model: String, stream: Bool = true) -> JSON {
        var messages: [JSON] = [["role": "system", "content": .string(request.system)]]
        for message in request.messages {
            switch message {
            case .user(let text):
                messages.append(["role": "user", "content": .string(text)])
            case .assistant(let text, let calls):
                // llama.cpp's server rejects a null content, so an assistant turn always carries a string.
                var turn: [String: JSON] = ["role": "assistant", "content": .string(text)]
                if !calls.isEmpty {
                    turn["tool_calls"] = .array(calls.map { call in
                        ["id": .string(call.id), "type": "function", "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
                    })
                }
                messages.append(.object(turn))
            case .toolResult(let result):
                messages.append(["role": "tool", "tool_call_id": .string(result.callID), "content": .string(result.content)])
            }
        }
        var body: [String: JSON] = ["model": .string(model), "messages": .array(messages), "temperature": 0,
                                         "max_tokens": .int(request.maxTokens), "stream": .bool(stream)]
        if stream { body["stream_options"] = ["include_usage": true] }
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map { tool in
                var function: JSON = ["name": .string(tool.name), "parameters": tool.parameters]
                if !tool.description.isEmpty { function["description"] = .string(tool.description) }
                return ["type": "function", "function": function]
            })
            body["tool_choice"] = request.requiredTool.map { ["type": "function", "function": ["name": .string($0)]] } ?? "auto"
        }
        return .object(body)
    }

    /// A whole (non-streamed) answer: `choices[0].message` and `usage`.
    static func reply(from document: JSON, endpoint: ProviderEndpoint) throws -> ModelReply {
        if let error = document["error"] { throw malformed(endpoint, "it answered with an error: \(error["message"]?.string ?? "unknown")") }
        guard let message = document["choices"]?.array?.first?["message"] else { throw malformed(endpoint, "its answer has no choices[0].message") }
        let calls = (message["tool_calls"]?.array ?? []).enumerated().map { index, call in
            ToolCall(id: call["id"]?.string ?? "call_\(index)", name: call["function"]?["name"]?.string ?? "",
                     arguments: call["function"]?["arguments"]?.string ?? call["function"]?["arguments"].map(JSONBody.text) ?? "")
        }
        var reply = ModelReply(text: message["content"]?.string ?? "", toolCalls: calls, usage: usage(document["usage"]))
        reply.sent = document["choices"]?.array?.first.map(JSONBody.text) ?? ""
        return reply
    }

    /// A streamed answer: `choices[0].delta` pieces, tool calls by `index`, usage in the last chunk, then `[DONE]`.
    static func streamed(_ response: HTTPClientResponse, sink: TextSink, endpoint: ProviderEndpoint) async throws -> ModelReply {
        var text = ""
        var calls = ToolCallAssembly()
        var tokens = TokenUsage()
        var finished = false
        do {
            try await BodyReader.events(response.body, emitted: { sink.emitted }) { event in
                if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" { return true }
                guard let chunk = JSONBody.decode(Array(event.data.utf8)) else { throw malformed(endpoint, "a streamed chunk is not JSON") }
                if let error = chunk["error"] { throw malformed(endpoint, "it sent an error mid-reply: \(error["message"]?.string ?? "unknown")") }
                if chunk["usage"]?.object != nil { tokens = usage(chunk["usage"]) }
                guard let choice = chunk["choices"]?.array?.first else { return false }
                if let piece = choice["delta"]?["content"]?.string {
                    text += piece
                    sink.send(piece)
                }
                for call in choice["delta"]?["tool_calls"]?.array ?? [] {
                    calls.add(index: call["index"]?.int ?? 0, id: call["id"]?.string, name: call["function"]?["name"]?.string,
                              arguments: call["function"]?["arguments"]?.string)
                }
                if choice["finish_reason"]?.string != nil { finished = true }
                return false
            }
        } catch is ProviderTransport.StreamCut where finished {
            // Some servers close the stream after the finishing chunk without `[DONE]`: the reply is whole.
        }
        return ModelReply(text: text, toolCalls: calls.toolCalls, usage: tokens)
    }

    static func usage(_ value: JSON?) -> TokenUsage {
        TokenUsage(input: value?["prompt_tokens"]?.int ?? 0, output: value?["completion_tokens"]?.int ?? 0)
    }

    static func malformed(_ endpoint: ProviderEndpoint, _ why: String) -> ProviderError {
        ProviderError(.malformedReply, problem: "The reply from \(endpoint.kind.rawValue) at \(endpoint.shown) cannot be read: \(why).",
                      remedy: "Nothing was run. Check that the base URL points at an OpenAI-compatible /v1 API.")
    }
}

import AsyncHTTPClient
import Foundation
import KaiCore

/// Google's Gemini `generateContent` API with function calling: `functionDeclarations` in the
/// request, `functionCall` parts in the model's turns, `functionResponse` parts in ours; streamed
/// with `streamGenerateContent?alt=sse`, each event a whole `GenerateContentResponse`.
public struct GeminiGenerateContent: ModelProvider {
    let transport: ProviderTransport

    public init(endpoint: ProviderEndpoint) {
        transport = ProviderTransport(endpoint: endpoint)
    }

    var endpoint: ProviderEndpoint { transport.endpoint }
    public var name: String { "gemini \(endpoint.model)" }

    private var headers: [(String, String)] { endpoint.apiKey.map { [("x-goog-api-key", $0.value)] } ?? [] }

    /// The API root: the base URL, with `/v1beta` added unless it names a version already.
    private var root: String {
        let base = endpoint.base
        return base.hasSuffix("/v1beta") || base.hasSuffix("/v1") ? base : base + "/v1beta"
    }

    public func complete(_ request: ModelRequest, onText: @escaping @Sendable (String) -> Void) async throws -> ModelReply {
        let sink = TextSink(onText)
        let model = endpoint.model.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? endpoint.model
        let url = "\(root)/models/\(model):streamGenerateContent?alt=sse"
        return try await transport.send(url, headers: headers, request: request, encode: Self.body) { response in
            if response.headers.first(name: "Content-Type")?.contains("text/event-stream") == true {
                return try await Self.streamed(response, sink: sink, endpoint: transport.endpoint)
            }
            guard let document = try await BodyReader.document(response.body) else {
                throw Self.malformed(transport.endpoint, "its answer is not JSON")
            }
            // A whole answer may be one response or, from the non-SSE stream, a list of them.
            var reply = ModelReply()
            for part in document.array ?? [document] { try Self.add(part, to: &reply, sink: sink, endpoint: transport.endpoint) }
            return reply
        }
    }

    public func probe() async throws {
        try await transport.get("\(root)/models", headers: headers)
    }

    public func shutdown() async { await transport.shutdown() }

    /// The request body, as the generateContent reference documents it.
    static func body(_ request: ModelRequest) -> JSON {
        var contents: [JSON] = []
        var names: [String: String] = [:]
        var pendingResponses: [JSON] = []
        func flush() {
            if !pendingResponses.isEmpty { contents.append(["role": "user", "parts": .array(pendingResponses)]) }
            pendingResponses = []
        }
        for message in request.messages {
            switch message {
            case .user(let text) where !pendingResponses.isEmpty:
                // Words after function responses join them in one user turn, as a model turn's calls are answered.
                pendingResponses.append(["text": .string(text)])
                flush()
            case .user(let text):
                contents.append(["role": "user", "parts": [["text": .string(text)]]])
            case .assistant(let text, let calls):
                flush()
                var parts: [JSON] = text.isEmpty ? [] : [["text": .string(text)]]
                for call in calls {
                    names[call.id] = call.name
                    parts.append(["functionCall": ["name": .string(call.name), "args": JSONBody.object(call.arguments)]])
                }
                contents.append(["role": "model", "parts": .array(parts)])
            case .toolResult(let result):
                let key = result.isError ? "error" : "content"
                pendingResponses.append(["functionResponse": ["name": .string(names[result.callID] ?? result.name),
                                                              "response": .object([key: .string(result.content)])]])
            }
        }
        flush()
        var body: [String: JSON] = ["systemInstruction": ["parts": [["text": .string(request.system)]]], "contents": .array(contents),
                                         "generationConfig": ["temperature": 0, "maxOutputTokens": .int(request.maxTokens)]]
        if !request.tools.isEmpty {
            body["tools"] = [["functionDeclarations": .array(request.tools.map { tool in
                var declaration: JSON = ["name": .string(tool.name), "parameters": tool.parameters]
                if !tool.description.isEmpty { declaration["description"] = .string(tool.description) }
                return declaration
            })]]
            if let tool = request.requiredTool {
                body["toolConfig"] = ["functionCallingConfig": ["mode": "ANY", "allowedFunctionNames": [.string(tool)]]]
            }
        }
        return .object(body)
    }

    /// A stream of whole responses; it ends when the server closes it, after a `finishReason`.
    static func streamed(_ response: HTTPClientResponse, sink: TextSink, endpoint: ProviderEndpoint) async throws -> ModelReply {
        var reply = ModelReply()
        var finished = false
        do {
            try await BodyReader.events(response.body, emitted: { sink.emitted }) { event in
                guard let chunk = JSONBody.decode(Array(event.data.utf8)) else { throw malformed(endpoint, "a streamed chunk is not JSON") }
                finished = try add(chunk, to: &reply, sink: sink, endpoint: endpoint) || finished
                return false
            }
        } catch is ProviderTransport.StreamCut where finished {
            // The normal end of a Gemini stream: the server closes it after the last response.
        }
        return reply
    }

    /// Adds one response's parts and usage to `reply`; true when it carried a `finishReason`.
    @discardableResult
    static func add(_ chunk: JSON, to reply: inout ModelReply, sink: TextSink, endpoint: ProviderEndpoint) throws -> Bool {
        if let error = chunk["error"] { throw malformed(endpoint, "it answered with an error: \(error["message"]?.string ?? "unknown")") }
        if let usage = chunk["usageMetadata"] {
            reply.usage = TokenUsage(input: usage["promptTokenCount"]?.int ?? reply.usage.input,
                                     output: usage["candidatesTokenCount"]?.int ?? reply.usage.output)
        }
        guard let candidate = chunk["candidates"]?.array?.first else {
            if let reason = chunk["promptFeedback"]?["blockReason"]?.string {
                throw ProviderError(.unusableReply, problem: "gemini blocked the request (\(reason)).", remedy: "Nothing was run. Rephrase the request.")
            }
            return false
        }
        for part in candidate["content"]?["parts"]?.array ?? [] {
            if let text = part["text"]?.string {
                reply.text += text
                sink.send(text)
            }
            if let call = part["functionCall"] {
                reply.toolCalls.append(ToolCall(id: call["id"]?.string ?? "call_\(reply.toolCalls.count)", name: call["name"]?.string ?? "",
                                                arguments: call["args"].map(JSONBody.text) ?? "{}"))
            }
        }
        return candidate["finishReason"]?.string != nil
    }

    static func malformed(_ endpoint: ProviderEndpoint, _ why: String) -> ProviderError {
        ProviderError(.malformedReply, problem: "The reply from gemini at \(endpoint.shown) cannot be read: \(why).",
                      remedy: "Nothing was run. Check the base URL points at the Gemini API (https://generativelanguage.googleapis.com).")
    }
}

/// The provider for an endpoint's kind.
public enum Providers {
    public static func make(_ endpoint: ProviderEndpoint) -> any ModelProvider {
        switch endpoint.kind {
        case .openai, .azure, .ollama, .llamacpp: OpenAIChat(endpoint: endpoint)
        case .anthropic: AnthropicMessages(endpoint: endpoint)
        case .gemini: GeminiGenerateContent(endpoint: endpoint)
        }
    }
}

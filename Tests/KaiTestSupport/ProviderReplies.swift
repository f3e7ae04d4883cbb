import Foundation

/// Provider answers for tests, exactly as each provider's API reference shows them.
public enum Documented {
    public static func openAIChunk(_ delta: String, finish: String? = nil) -> String {
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish.map { "\"\($0)\"" } ?? "null")}]}"#
    }

    public static let openAIText: ModelServer.Reply = .events([
        (nil, openAIChunk(#"{"role":"assistant","content":""}"#)),
        (nil, openAIChunk(#"{"content":"The backend has "}"#)),
        (nil, openAIChunk(#"{"content":"2 ready replicas."}"#)),
        (nil, openAIChunk("{}", finish: "stop")),
        (nil, #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":812,"completion_tokens":9,"total_tokens":821}}"#),
        (nil, "[DONE]"),
    ])

    public static let openAIStreamedToolCalls: ModelServer.Reply = .events([
        (nil, openAIChunk(#"{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"scale","arguments":""}}]}"#)),
        (nil, openAIChunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"target\": \"back"}}]}"#)),
        (nil, openAIChunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"end\", \"replicas\": 3}"}}]}"#)),
        (nil, openAIChunk(#"{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"restart","arguments":"{\"target\":\"frontend\"}"}}]}"#)),
        (nil, openAIChunk("{}", finish: "tool_calls")),
        (nil, "[DONE]"),
    ])

    /// One tool call as a whole Chat Completions answer.
    public static func openAIToolCall(_ name: String, _ arguments: String) -> ModelServer.Reply {
        openAIToolCalls([(name, arguments)])
    }

    /// Several tool calls (`(name, arguments)`) in one whole Chat Completions answer, with ids `call_1`, `call_2`, ….
    public static func openAIToolCalls(_ calls: [(String, String)]) -> ModelServer.Reply {
        let listed = calls.enumerated().map { index, call in
            let escaped = call.1.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return #"{"id":"call_\#(index + 1)","type":"function","function":{"name":"\#(call.0)","arguments":"\#(escaped)"}}"#
        }.joined(separator: ",")
        return .json(#"{"id":"chatcmpl-2","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[\#(listed)],"refusal":null},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":900,"completion_tokens":20,"total_tokens":920}}"#)
    }

    public static let anthropicStreamed: ModelServer.Reply = .events([
        ("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-3-5-haiku-latest","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2}}}"#),
        ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
        ("ping", #"{"type": "ping"}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Scaling the "}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"backend."}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        ("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"scale","input":{}}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"target\": \"back"}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"end\", \"replicas\": 3}"}}"#),
        ("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}"#),
        ("message_stop", #"{"type":"message_stop"}"#),
    ])

    public static let anthropicJSON: ModelServer.Reply = .json(#"{"id":"msg_2","type":"message","role":"assistant","model":"claude-3-5-haiku-latest","content":[{"type":"text","text":"Looking at the logs first."},{"type":"tool_use","id":"toolu_2","name":"logs","input":{"target":"backend","tail":50}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":500,"output_tokens":40}}"#)

    public static let geminiStreamed: ModelServer.Reply = .events([
        (nil, #"{"candidates": [{"content": {"parts": [{"text": "The backend"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 310,"candidatesTokenCount": 2,"totalTokenCount": 312},"modelVersion": "gemini-2.0-flash"}"#),
        (nil, #"{"candidates": [{"content": {"parts": [{"text": " is healthy."}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 310,"candidatesTokenCount": 6,"totalTokenCount": 316},"modelVersion": "gemini-2.0-flash"}"#),
    ])

    public static let geminiFunctionCallJSON: ModelServer.Reply = .json(#"{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"scale","args":{"target":"backend","replicas":3}}}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":300,"candidatesTokenCount":10,"totalTokenCount":310},"modelVersion":"gemini-2.0-flash"}"#)
}


public extension Documented {
    /// Anthropic streaming one `scale` call for the backend to 3 replicas.
    static let anthropicStreamedScale = anthropicStreamed

    /// Gemini answering with one `scale` call for the backend to 3 replicas.
    static let geminiScaleCall = geminiFunctionCallJSON
}

public extension Documented {
    /// A whole Chat Completions answer whose message is only `text`, as a local server sends a tool call it did not recognise.
    static func openAIWholeText(_ text: String) -> ModelServer.Reply {
        let content = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]))
            .map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "\"\""
        return .json(#"{"id":"chatcmpl-3","object":"chat.completion","created":1700000000,"model":"qwen2.5-coder-1.5b","choices":[{"index":0,"message":{"role":"assistant","content":\#(content)},"finish_reason":"stop"}],"usage":{"prompt_tokens":700,"completion_tokens":15,"total_tokens":715}}"#)
    }
}

extension ModelRequest {
    /// The request as it may leave kai: every message's text, tool-call arguments and tool result
    /// passed through ``Redactor``. The system prompt and tool definitions are kai's own and kept.
    public var scrubbed: ModelRequest {
        var request = self
        request.messages = messages.map { message in
            switch message {
            case .user(let text):
                .user(Redactor.scrub(text))
            case .assistant(let text, let calls):
                .assistant(text: Redactor.scrub(text), toolCalls: calls.map { ToolCall(id: $0.id, name: $0.name, arguments: Redactor.scrub($0.arguments)) })
            case .toolResult(let result):
                .toolResult(ToolResult(callID: result.callID, name: result.name, content: Redactor.scrub(result.content), isError: result.isError))
            }
        }
        return request
    }
}

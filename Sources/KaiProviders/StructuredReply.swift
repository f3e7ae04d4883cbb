import KaiCore

/// Tool calling as one JSON object, for OpenAI-compatible servers that constrain their output to a
/// JSON Schema given in `response_format` (llama.cpp's server, Ollama, vLLM, LM Studio): the schema is
/// the union of the offered tools, each of which the catalog generates, so the model can only write
/// calls kai knows, with arguments of the right types. The reply is read back as ordinary tool calls,
/// checked like any other.
///
/// ```json
/// {"calls": [{"tool": "scale", "arguments": {"target": "backend", "replicas": 3}}], "message": ""}
/// ```
///
/// `calls` comes first: servers write an object's members in the order of their names (sorted, as kai
/// sends the schema), and a small model that may write text before its calls writes the call it means
/// as that text and is then made to write some other call.
enum StructuredReply {
    /// How a server is asked for the schema: OpenAI's `json_schema` form, or the `json_object` form
    /// with a `schema` that llama.cpp's servers (and llama-cpp-python's) read.
    enum Dialect: Sendable, CaseIterable {
        case jsonSchema, jsonObject
    }

    /// The most calls one reply may hold: as many as a plan may have steps.
    static let maximumCalls = 20

    /// What the system prompt gains in this mode: where calls go, and each tool as a one-line
    /// signature ("scale(target, replicas): Set a deployment's replicas."), since the schema
    /// constrains what the model writes but is not text it reads.
    static func instructions(_ tools: [ToolDefinition]) -> String {
        let signatures = tools.map { tool in
            let required = tool.parameters["required"]?.array?.compactMap(\.string) ?? []
            let optional = (tool.parameters["properties"]?.object?.keys.sorted() ?? []).filter { $0 != "namespace" && !required.contains($0) }
            let arguments = required + optional.map { $0 + "?" }
            let signature = "\(tool.name)(\(arguments.joined(separator: ", ")))"
            return tool.description.isEmpty ? signature : signature + ": " + tool.description
        }
        return """


            Reply with one JSON object: {"calls": [{"tool": NAME, "arguments": {...}}], "message": TEXT}. \
            Put operations in "calls" and leave "message" empty; or leave "calls" empty and answer or refuse in "message". Tools:

            """ + signatures.joined(separator: "\n")
    }

    /// The `response_format` member for `tools` in `dialect`.
    static func responseFormat(_ tools: [ToolDefinition], calls: ClosedRange<Int>? = nil, dialect: Dialect) -> JSON {
        switch dialect {
        case .jsonSchema: ["type": "json_schema", "json_schema": ["name": "kai_reply", "schema": schema(tools, calls: calls)]]
        case .jsonObject: ["type": "json_object", "schema": schema(tools, calls: calls)]
        }
    }

    /// The union of `tools`: calls to any of them, each with its own arguments, or an answer; `calls`
    /// bounds how many (at most ``maximumCalls`` when not given).
    static func schema(_ tools: [ToolDefinition], calls: ClosedRange<Int>? = nil) -> JSON {
        let branches: [JSON] = tools.map { tool in
            var arguments = tool.parameters
            arguments["additionalProperties"] = false
            var branch: JSON = ["type": "object", "additionalProperties": false,
                                "properties": ["tool": ["const": .string(tool.name)], "arguments": arguments], "required": ["tool", "arguments"]]
            if !tool.description.isEmpty { branch["description"] = .string(tool.description) }
            return branch
        }
        var list: JSON = ["type": "array", "maxItems": .int(min(calls?.upperBound ?? maximumCalls, maximumCalls)), "items": ["anyOf": .array(branches)]]
        if let least = calls?.lowerBound, least > 0 { list["minItems"] = .int(least) }
        return ["type": "object", "additionalProperties": false, "required": ["calls", "message"],
                "properties": ["calls": list, "message": ["type": "string"]]]
    }

    /// The reply `text` is, read as calls and an answer; nil when it is not such an object (a server
    /// that ignored `response_format`), so that it is read as ordinary text.
    static func reply(from text: String, usage: TokenUsage) -> ModelReply? {
        guard let value = JSONBody.decode(Array(text.utf8)), let members = value.object,
              members["calls"] != nil || members["message"] != nil else { return nil }
        guard let calls = (members["calls"] ?? .array([])).array else { return nil }
        let toolCalls = calls.enumerated().map { index, call in
            let arguments = call["arguments"]
            return ToolCall(id: "json_\(index + 1)", name: call["tool"]?.string ?? call["name"]?.string ?? "",
                            arguments: arguments.map { $0.string ?? JSONBody.text($0) } ?? "")
        }
        var reply = ModelReply(text: members["message"]?.string ?? "", toolCalls: toolCalls, usage: usage)
        reply.sent = text
        return reply
    }

    /// The conversation as text turns, since no tools are offered in this mode: the model's calls as
    /// the JSON object it wrote, each result as a user turn that names its call.
    static func messages(_ messages: [ModelMessage]) -> [ModelMessage] {
        messages.map { message in
            switch message {
            case .user: return message
            case .assistant(let text, let calls):
                guard !calls.isEmpty else { return message }
                let written: [JSON] = calls.map { ["tool": .string($0.name), "arguments": JSONBody.object($0.arguments)] }
                return .assistant(text: JSONBody.text(["calls": .array(written), "message": .string(text)]), toolCalls: [])
            case .toolResult(let result):
                return .user("Result of \(result.name) (\(result.callID))\(result.isError ? ", an error" : ""):\n\(result.content)")
            }
        }
    }
}

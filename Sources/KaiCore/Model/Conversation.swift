/// One request to a model: instructions, the conversation so far and the tools it may call.
public struct ModelRequest: Sendable, Hashable {
    public var system: String
    public var messages: [ModelMessage]
    public var tools: [ToolDefinition]
    /// The most tokens the reply may have.
    public var maxTokens: Int
    /// The one tool the reply must call, when kai asks again for the arguments of a call that came without them.
    public var requiredTool: String?
    /// How many calls the reply may make, when kai can count what the request asks for. A server that
    /// constrains its output to a schema (tool mode json) is held to it: a small model there otherwise
    /// repeats a call until the list is full, or writes the call it means as text.
    public var callCount: ClosedRange<Int>?

    /// A request with `system` instructions, `messages` and `tools`.
    public init(system: String, messages: [ModelMessage], tools: [ToolDefinition], maxTokens: Int = 1024) {
        self.system = system
        self.messages = messages
        self.tools = tools
        self.maxTokens = maxTokens
    }
}

/// One turn of the conversation.
public enum ModelMessage: Sendable, Hashable {
    /// What the person (or kai on their behalf) says.
    case user(String)
    /// What the model said before: text and the tools it called.
    case assistant(text: String, toolCalls: [ToolCall])
    /// The result of running one tool call, or why it could not run.
    case toolResult(ToolResult)
}

/// A tool the model may call: a catalog operation, with the JSON Schema of its arguments.
public struct ToolDefinition: Sendable, Hashable {
    public let name: String
    public let description: String
    /// A JSON Schema object: `{"type": "object", "properties": …, "required": …}`.
    public let parameters: JSON

    public init(name: String, description: String, parameters: JSON) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// A tool call as the model made it, not yet checked: the arguments are its raw JSON text.
public struct ToolCall: Sendable, Hashable {
    /// The provider's id for the call (made up when the wire format has none, as Gemini's).
    public let id: String
    public let name: String
    /// The arguments as JSON text, exactly as sent (it may not even be valid JSON).
    public let arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// What a tool call came to, sent back to the model.
public struct ToolResult: Sendable, Hashable {
    public let callID: String
    public let name: String
    public let content: String
    /// True when the call was refused or invalid, so the model knows to correct itself.
    public let isError: Bool

    public init(callID: String, name: String, content: String, isError: Bool) {
        self.callID = callID
        self.name = name
        self.content = content
        self.isError = isError
    }
}

/// The model's reply: text, tool calls, or both.
public struct ModelReply: Sendable, Hashable {
    public var text: String
    public var toolCalls: [ToolCall]
    public var usage: TokenUsage
    /// What the provider sent for this reply, as its wire format has it (OpenAI's `choices[0]`), for
    /// saying what the model sent when its reply cannot be used; empty when not kept.
    public var sent = ""

    public init(text: String = "", toolCalls: [ToolCall] = [], usage: TokenUsage = TokenUsage()) {
        self.text = text
        self.toolCalls = toolCalls
        self.usage = usage
    }
}

/// Tokens in and out, as the provider's usage fields report them.
public struct TokenUsage: Sendable, Hashable {
    public var input: Int
    public var output: Int

    public init(input: Int = 0, output: Int = 0) {
        self.input = input
        self.output = output
    }

    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(input: lhs.input + rhs.input, output: lhs.output + rhs.output)
    }
}

/// What asking a model cost for one request: round trips, tokens and time, and the reads it made.
public struct ModelUse: Sendable, Hashable {
    /// "openai gpt-4o-mini".
    public var provider: String
    public var roundTrips: Int
    public var usage: TokenUsage
    /// Time spent waiting for the model, in seconds.
    public var seconds: Double
    /// The read operations the model asked for and kai ran, in the order it asked, each once.
    public var reads: [PlannedStep]

    public init(provider: String, roundTrips: Int = 0, usage: TokenUsage = TokenUsage(), seconds: Double = 0, reads: [PlannedStep] = []) {
        self.provider = provider
        self.roundTrips = roundTrips
        self.usage = usage
        self.seconds = seconds
        self.reads = reads
    }
}

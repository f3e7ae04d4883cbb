import KaiCore

/// A language model behind one wire format. Its only power in kai is to answer in text or to
/// call the tools it is given; everything it returns is checked before anything runs.
public protocol ModelProvider: Sendable {
    /// Which provider and model, for messages and reports: "openai gpt-4o-mini".
    var name: String { get }
    /// Sends `request` and returns the reply; text is handed to `onText` as it streams in.
    ///
    /// Replies are streamed only where the provider is known to stream tool calls correctly: the
    /// hosted APIs of OpenAI (and Azure OpenAI), Anthropic and Gemini. Other OpenAI-compatible
    /// servers (llama.cpp, Ollama, vLLM, LM Studio) are asked for a round that offers tools whole,
    /// and then `onText` gets the text at once.
    /// Throws a ``ProviderError``, or `CancellationError` when the person stopped the request.
    func complete(_ request: ModelRequest, onText: @escaping @Sendable (String) -> Void) async throws -> ModelReply
    /// A cheap request that proves the server answers and accepts the key (for `kai doctor`).
    func probe() async throws
    /// What the server accepts of kai's ways to ask for tool calls, asked with one-token requests
    /// (for `kai doctor`); nil when the provider's API is known to support them all.
    func support() async throws -> ServerSupport?
    /// Closes the connections.
    func shutdown() async
}

extension ModelProvider {
    /// Anthropic's and Gemini's APIs call tools natively, which is all kai asks of them.
    public func support() async throws -> ServerSupport? { nil }
}

/// What an OpenAI-compatible server accepted when `kai doctor` asked: a request offering a tool,
/// and `response_format` with a JSON Schema in each form kai knows.
public struct ServerSupport: Sendable, Hashable {
    /// Whether it accepted a request offering a tool.
    public let tools: Bool
    /// The `response_format` form it accepted ("json_schema", or llama.cpp's "json_object" with a schema); nil for none.
    public let structuredOutput: String?

    public init(tools: Bool, structuredOutput: String?) {
        self.tools = tools
        self.structuredOutput = structuredOutput
    }
}

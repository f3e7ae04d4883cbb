import Foundation

/// The model providers kai speaks to, each by its own wire format.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// OpenAI's Chat Completions API, and every server that speaks it (Ollama, llama.cpp, vLLM, LM Studio, Cohere's compatibility API).
    case openai
    /// Azure OpenAI: the Chat Completions API at a deployment URL, with `api-version` and an `api-key` header.
    case azure
    /// Anthropic's Messages API.
    case anthropic
    /// Google's Gemini `generateContent` API.
    case gemini
    /// Ollama's OpenAI-compatible API on this machine (no key).
    case ollama
    /// llama.cpp's server (or llama-cpp-python's) on this machine, OpenAI-compatible (a key only when started with --api-key).
    case llamacpp

    /// Whether the provider speaks OpenAI's Chat Completions API.
    public var isOpenAICompatible: Bool { [.openai, .azure, .ollama, .llamacpp].contains(self) }

    /// Whether the provider's own service needs an API key; a local server does not.
    public var needsKey: Bool { ![.ollama, .llamacpp].contains(self) }

    /// The environment variables that may hold the API key, in the order they are read.
    public var keyVariables: [String] {
        switch self {
        case .openai: ["OPENAI_API_KEY"]
        case .azure: ["AZURE_OPENAI_API_KEY", "OPENAI_API_KEY"]
        case .anthropic: ["ANTHROPIC_API_KEY"]
        case .gemini: ["GEMINI_API_KEY", "GOOGLE_API_KEY"]
        case .ollama: ["OLLAMA_API_KEY"]
        case .llamacpp: ["LLAMA_API_KEY"]
        }
    }

    /// The environment variable each provider's own SDK reads for its base URL.
    public var baseURLVariable: String {
        switch self {
        case .openai: "OPENAI_BASE_URL"
        case .azure: "AZURE_OPENAI_ENDPOINT"
        case .anthropic: "ANTHROPIC_BASE_URL"
        case .gemini: "GEMINI_BASE_URL"
        case .ollama: "OLLAMA_BASE_URL"
        case .llamacpp: "LLAMACPP_BASE_URL"
        }
    }

    /// Where the provider's own service answers; nil for Azure, whose URL names the resource and deployment.
    public var defaultBaseURL: URL? {
        switch self {
        case .openai: URL(string: "https://api.openai.com/v1")
        case .azure: nil
        case .anthropic: URL(string: "https://api.anthropic.com")
        case .gemini: URL(string: "https://generativelanguage.googleapis.com")
        case .ollama: URL(string: "http://127.0.0.1:11434/v1")
        case .llamacpp: URL(string: "http://127.0.0.1:8080/v1")
        }
    }

    /// The model used when none is configured: a small, fast one, since kai's replies are short tool calls.
    public var defaultModel: String {
        switch self {
        case .openai, .azure: "gpt-4o-mini"
        case .anthropic: "claude-3-5-haiku-latest"
        case .gemini: "gemini-2.0-flash"
        case .ollama: "qwen2.5-coder:1.5b"
        case .llamacpp: "local"
        }
    }

    /// The names accepted by `--provider` and `provider:`, for messages.
    public static let names = allCases.map(\.rawValue)
}

/// Which interpreter reads a request.
public enum InterpreterMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// The local grammar first; the model only when the grammar is not sure (and a provider is configured).
    case auto
    /// The local grammar only: offline, whatever is configured.
    case local
    /// The model for every request (a provider must be configured).
    case model

    public static let names = allCases.map(\.rawValue)
}

/// How a model is asked to call kai's operations.
public enum ToolMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// The provider's own tool calling (`tools` in the request, `tool_calls` in the reply).
    case native
    /// One JSON object whose schema is the union of the catalog's operations, asked for with
    /// `response_format` (OpenAI-compatible servers): constrained decoding makes a malformed reply impossible.
    case json
    /// json where the server accepts `response_format` (local OpenAI-compatible servers), native elsewhere
    /// or when the server rejects it.
    case auto

    public static let names = allCases.map(\.rawValue)
}

/// How results are printed: for people, or as one JSON document for scripts.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case text, json

    public static let names = allCases.map(\.rawValue)
}

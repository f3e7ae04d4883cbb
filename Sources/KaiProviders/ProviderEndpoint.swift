import Foundation
import KaiConfig

/// Where a provider is and how kai talks to it: address, model, key and limits.
public struct ProviderEndpoint: Sendable {
    public let kind: ProviderKind
    public let baseURL: URL
    public let model: String
    public let apiKey: APIKey?
    /// Where the key came from, for messages: "$OPENAI_API_KEY".
    public let keySource: String
    /// Azure OpenAI's `api-version`.
    public let apiVersion: String?
    /// How the model is asked to call operations (OpenAI-compatible servers; the others call tools natively).
    public var toolMode: ToolMode = .native
    /// The longest a whole request may take, retries included.
    public var timeout: Duration
    /// The longest connecting may take.
    public var connectTimeout: Duration = .seconds(10)
    /// How often a 429, a 5xx or a dropped connection is retried.
    public var maximumRetries = 3
    /// The first back-off; it doubles with each retry.
    public var backOff: Duration = .milliseconds(500)

    /// An endpoint for `kind` at `baseURL`.
    public init(kind: ProviderKind, baseURL: URL, model: String, apiKey: APIKey?, keySource: String, apiVersion: String? = nil,
                timeout: Duration = .seconds(120)) {
        self.kind = kind
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.keySource = keySource
        self.apiVersion = apiVersion
        self.timeout = timeout
    }

    /// The endpoint `configuration` describes; nil when no provider is configured.
    public static func from(_ configuration: Configuration) throws(ConfigError) -> ProviderEndpoint? {
        guard let kind = configuration.provider.value else { return nil }
        guard let baseURL = configuration.baseURL.value else {
            throw ConfigError(configuration.provider.source, "provider \(kind.rawValue) needs a base URL (the resource's deployment URL).",
                              fix: "Set baseURL: https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT in config.yaml, or \(kind.baseURLVariable).")
        }
        if configuration.toolMode.value == .json, !kind.isOpenAICompatible {
            throw ConfigError(configuration.toolMode.source, "tool mode json asks an OpenAI-compatible server for response_format; \(kind.rawValue) calls tools natively.",
                              fix: "Use --tool-mode native or auto with \(kind.rawValue).")
        }
        let keySource = configuration.apiKey.value == nil ? kind.keyVariables[0] : "\(configuration.apiKey.source)"
        var endpoint = ProviderEndpoint(kind: kind, baseURL: baseURL, model: configuration.model.value ?? kind.defaultModel,
                                        apiKey: configuration.apiKey.value, keySource: keySource, apiVersion: configuration.apiVersion.value,
                                        timeout: .milliseconds(Int(configuration.modelTimeout.value * 1000)))
        endpoint.toolMode = configuration.toolMode.value
        return endpoint
    }

    /// The base URL without a trailing slash, for joining paths.
    var base: String {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The address as shown in messages: credentials and keys masked.
    public var shown: String { baseURL.masked }
}

import KaiConfig
import KaiCore
import KaiProviders

/// Whether the configured model provider answers and accepts its key.
public enum ProviderCheck {
    /// The check for `configuration`'s provider; it asks the provider only when one is configured.
    public static func run(_ configuration: Configuration) async -> DoctorCheck {
        guard configuration.interpreter.value != .local else {
            return .ok("provider", "Interpreter local: requests are read by the local grammar only; no provider is asked.")
        }
        let endpoint: ProviderEndpoint?
        do {
            endpoint = try ProviderEndpoint.from(configuration)
        } catch {
            return .failed("provider", error)
        }
        guard let endpoint else {
            guard configuration.interpreter.value != .model else {
                return .failed("provider", "The interpreter is model, but no provider is configured.",
                               fix: "Set --provider (or provider: in config.yaml), or use the auto interpreter.", category: .usage)
            }
            return .ok("provider", "No model provider: kai reads requests with its local grammar, offline, and says when it is not sure.")
        }
        if endpoint.apiKey == nil, endpoint.kind.needsKey, endpoint.baseURL == endpoint.kind.defaultBaseURL {
            return .failed("provider", "\(endpoint.kind.rawValue) needs an API key and none is set.",
                           fix: "Set \(endpoint.kind.keyVariables[0]) (or apiKeyFile in config.yaml); kai never takes a key from a flag.", category: .provider)
        }
        let provider = Providers.make(endpoint)
        do {
            try await provider.probe()
            let support = try await provider.support()
            await provider.shutdown()
            let key = endpoint.apiKey == nil ? "no key sent" : "key from \(endpoint.keySource) accepted"
            return .ok("provider", "\(endpoint.kind.rawValue) at \(endpoint.shown) answers (\(key)); model \(endpoint.model)."
                       + (support.map { " " + describe($0) } ?? ""))
        } catch let error as ProviderError {
            await provider.shutdown()
            return .failed("provider", error)
        } catch {
            await provider.shutdown()
            return .failed("provider", "\(error)", fix: "", category: .provider)
        }
    }

    /// "Tool calls: accepted. Structured output: json_schema accepted; --tool-mode json or auto can use it."
    static func describe(_ support: ServerSupport) -> String {
        let tools = support.tools ? "Tool calls: accepted." : "Tool calls: refused by the server; use --tool-mode json."
        guard let form = support.structuredOutput else {
            return tools + " Structured output (response_format with a JSON Schema): refused; use --tool-mode native."
        }
        return tools + " Structured output: response_format as \(form) accepted; --tool-mode json (or auto) constrains the model's replies to kai's operations."
    }
}

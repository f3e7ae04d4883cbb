import AsyncHTTPClient
import Foundation
import KaiConfig
import KaiCore
import NIOCore

/// Turns what went wrong talking to a provider into a ``ProviderError`` that names the provider,
/// the address and the key's source (never the key) and says what to do.
enum ProviderFailure {
    static func status(_ status: Int, body: [UInt8], endpoint: ProviderEndpoint, retried: Int) -> ProviderError {
        let provider = "\(endpoint.kind.rawValue) at \(endpoint.shown)"
        let said = message(in: body, key: endpoint.apiKey).map { ": \($0)" } ?? ""
        switch status {
        case 401, 403:
            guard endpoint.apiKey != nil else {
                return ProviderError(.keyRejected, problem: "\(provider) asked for an API key (\(status))\(said).",
                                     remedy: "Set \(endpoint.keySource) (or apiKeyFile in config.yaml) to a key for this provider.")
            }
            return ProviderError(.keyRejected, problem: "The key in \(endpoint.keySource) was rejected by \(provider) (\(status))\(said).",
                                 remedy: "Check that the key is current and meant for this provider and base URL; kai reads it from \(endpoint.keySource).")
        case 404:
            return ProviderError(.notFound, problem: "\(provider) has no model \(endpoint.model) or no such path (404)\(said).",
                                 remedy: "Check --model and --base-url (OpenAI-compatible servers usually want the URL ending in /v1).")
        case 429:
            return ProviderError(.rateLimited, problem: "\(provider) is still rate-limiting kai after \(retried) retries (429)\(said).",
                                 remedy: "Wait a minute and try again, or check the account's limits.")
        case 500...599:
            return ProviderError(.serverError, problem: "\(provider) failed with \(status) after \(retried) retries\(said).",
                                 remedy: "Try again later; the provider's status page may say more.")
        default:
            return ProviderError(.badRequest, problem: "\(provider) refused the request (\(status))\(said).",
                                 remedy: "Check --model and the provider settings (`kai config show`); the request kai sends is in the provider's documented format.")
        }
    }

    /// Whether an error answer says the request is longer than the model's context: llama.cpp's
    /// `exceed_context_size_error`, OpenAI's and vLLM's `context_length_exceeded` or "maximum context
    /// length", llama-cpp-python's "exceed context window".
    static func isContextOverflow(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body.prefix(4096), as: UTF8.self).lowercased()
        return ["exceed_context_size", "context_length_exceeded", "maximum context length", "context window", "context size",
                "context length", "too many tokens", "prompt is too long"].contains { text.contains($0) }
    }

    static func contextOverflow(_ status: Int, body: [UInt8], endpoint: ProviderEndpoint) -> ProviderError {
        let said = message(in: body, key: endpoint.apiKey).map { ": \($0)" } ?? ""
        return ProviderError(.contextOverflow, problem: "The request is too long for the model's context at \(endpoint.kind.rawValue) at \(endpoint.shown) (\(status))\(said).",
                             remedy: "Nothing was run, and kai did not send it again: it would not fit then either. Start the server with a larger context (llama.cpp: --ctx-size), or ask about one thing at a time.")
    }

    /// Whether an error answer is about `response_format`: a server that does not take a JSON Schema
    /// for its output (llama-cpp-python's validation error names the field; others name the type).
    static func isFormatRejection(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body.prefix(4096), as: UTF8.self).lowercased()
        return ["response_format", "json_schema", "json_object"].contains { text.contains($0) }
    }

    static func formatRejected(_ status: Int, body: [UInt8], endpoint: ProviderEndpoint) -> ProviderError {
        let said = message(in: body, key: endpoint.apiKey).map { ": \($0)" } ?? ""
        return ProviderError(.formatRejected, problem: "\(endpoint.kind.rawValue) at \(endpoint.shown) does not accept response_format with a JSON Schema (\(status))\(said).",
                             remedy: "Nothing was run. Use --tool-mode native (or auto, which falls back to native tool calls).")
    }

    static func transport(_ error: any Error, _ endpoint: ProviderEndpoint) -> ProviderError {
        let provider = "\(endpoint.kind.rawValue) at \(endpoint.shown)"
        if let client = error as? HTTPClientError {
            if client == .deadlineExceeded || client == .readTimeout {
                return ProviderError(.timedOut, problem: "\(provider) did not answer in time.", remedy: "Nothing was run. Try again, or raise modelTimeout in config.yaml.")
            }
            if client == .connectTimeout {
                return ProviderError(.unreachable, problem: "Cannot reach \(provider): the connection timed out.", remedy: remedy(endpoint))
            }
        }
        let text = String(describing: error)
        let why = text.localizedCaseInsensitiveContains("refused") ? "the connection was refused"
            : isDropped(error) ? "the connection was closed before the answer came" : Redactor.scrub(String(text.prefix(160)))
        return ProviderError(.unreachable, problem: "Cannot reach \(provider): \(why).", remedy: remedy(endpoint))
    }

    static func cut(_ endpoint: ProviderEndpoint, shown: Bool) -> ProviderError {
        ProviderError(shown ? .streamCut : .streamCutBeforeText, problem: "The reply from \(endpoint.kind.rawValue) at \(endpoint.shown) was cut off before it ended.",
                      remedy: "Nothing was run. Try the request again.")
    }

    /// A connection that closed or reset under a request: worth another try.
    static func isDropped(_ error: any Error) -> Bool {
        if let client = error as? HTTPClientError, client == .remoteConnectionClosed { return true }
        if let io = error as? IOError, [ECONNRESET, EPIPE].contains(io.errnoCode) { return true }
        return error is NIOCore.ChannelError
    }

    private static func remedy(_ endpoint: ProviderEndpoint) -> String {
        "Is the server running and is the base URL right (`kai config show`; \(endpoint.kind.baseURLVariable) or --base-url)?"
    }

    /// The error message providers put in their error bodies (`{"error": {"message": …}}`), clipped and
    /// scrubbed, and without the key itself (some providers quote the key they rejected).
    private static func message(in body: [UInt8], key: APIKey?) -> String? {
        guard let value = try? JSONDecoder().decode(JSON.self, from: Data(body)) else { return nil }
        guard var text = value["error"]?["message"]?.string ?? value["error"]?.string ?? value["message"]?.string else { return nil }
        if let key = key?.value, !key.isEmpty { text = text.replacingOccurrences(of: key, with: Redactor.mark) }
        return Redactor.scrub(String(text.prefix(300))).replacingOccurrences(of: "\n", with: " ")
    }
}

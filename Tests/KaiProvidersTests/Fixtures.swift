import Foundation
import KaiConfig
import KaiCore
import KaiProviders
import KaiTestSupport
import Synchronization

/// A provider of `kind` talking to `url`, with quick retries.
func provider(_ kind: ProviderKind, _ url: URL, key: String? = "test-key-123", timeout: Duration = .seconds(20)) -> any ModelProvider {
    var base = url
    if kind == .openai { base = url.appendingPathComponent("v1") }
    if kind == .azure { base = url.appendingPathComponent("openai/deployments/kai-gpt") }
    var endpoint = ProviderEndpoint(kind: kind, baseURL: base, model: kind.defaultModel, apiKey: key.map(APIKey.init),
                                    keySource: "$\(kind.keyVariables[0])", apiVersion: kind == .azure ? "2024-10-21" : nil, timeout: timeout)
    endpoint.backOff = .milliseconds(10)
    return Providers.make(endpoint)
}

/// A small request with the scale and logs tools.
let sampleRequest = ModelRequest(
    system: "You are kai.", messages: [.user("scale the api up")],
    tools: [ToolDefinition(name: "scale", description: "Set replicas.",
                           parameters: ["type": "object", "properties": ["target": ["type": "string"], "replicas": ["type": "integer"]],
                                        "required": ["target", "replicas"]])])

/// Runs `request` against a provider of `kind` served `replies`, collecting the streamed text.
func exchange(_ kind: ProviderKind, _ replies: [ModelServer.Reply], request: ModelRequest = sampleRequest,
              key: String? = "test-key-123", timeout: Duration = .seconds(20))
    async throws -> (reply: Result<ModelReply, any Error>, streamed: [String], received: [ModelServer.Received]) {
    try await ModelServer.with(replies) { url, server in
        let client = provider(kind, url, key: key, timeout: timeout)
        let pieces = Pieces()
        let reply: Result<ModelReply, any Error>
        do {
            reply = .success(try await client.complete(request) { pieces.append($0) })
        } catch {
            reply = .failure(error)
        }
        await client.shutdown()
        return (reply, pieces.all, await server.received)
    }
}

/// Streamed text, collected from any thread.
final class Pieces: Sendable {
    private let pieces = Mutex<[String]>([])

    func append(_ piece: String) { pieces.withLock { $0.append(piece) } }

    var all: [String] { pieces.withLock { $0 } }
}

import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Serves `responder` on 127.0.0.1 at a port the system picks (0) for the length of `body`, which
/// gets the server's base URL, and stops it however `body` ends: the harness of every scripted
/// server the tests talk to.
public enum LocalServer {
    public static func serve<Responder: HTTPResponder, T: Sendable>(
        _ responder: Responder, label: String, _ body: (URL) async throws -> T
    ) async throws -> T where Responder.Context == BasicRequestContext {
        let (ready, readyContinuation) = AsyncStream<URL>.makeStream()
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port, let url = URL(string: "http://127.0.0.1:\(port)") { readyContinuation.yield(url) }
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], logger: application.logger))
        let task = Task { try await group.run() }
        var iterator = ready.makeAsyncIterator()
        guard let url = await iterator.next() else { throw CancellationError() }
        do {
            let result = try await body(url)
            await group.triggerGracefulShutdown()
            _ = try? await task.value
            return result
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await task.value
            throw error
        }
    }
}

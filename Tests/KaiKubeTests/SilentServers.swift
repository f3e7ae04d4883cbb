import Foundation
import KaiTestSupport

/// Servers that misbehave below HTTP: a port nobody listens on, and one that accepts
/// connections and never answers.
enum SilentServers {
    /// A port on 127.0.0.1 that refuses connections: bound once to get a free number, then closed.
    static func refusingPort() throws -> Int {
        let socket = try ListeningSocket()
        let port = socket.port
        socket.close()
        return port
    }

    /// Runs `body` with the URL of a server whose kernel accepts the connection (it listens)
    /// but which never reads or answers: every request hangs until the client gives up.
    static func withHangingServer<T>(_ body: (URL) async throws -> T) async throws -> T {
        let socket = try ListeningSocket()
        defer { socket.close() }
        guard let url = URL(string: "http://127.0.0.1:\(socket.port)") else { throw CocoaError(.fileNoSuchFile) }
        return try await body(url)
    }
}


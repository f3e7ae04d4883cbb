import Foundation

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

/// A TCP socket listening on 127.0.0.1 with a kernel-chosen port.
final class ListeningSocket: @unchecked Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var actual = sockaddr_in()
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: actual.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}

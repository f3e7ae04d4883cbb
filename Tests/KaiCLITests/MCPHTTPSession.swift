import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MCP

/// `kai mcp --http 127.0.0.1:0` started in the background; its address and bearer token as it printed them.
struct MCPHTTPSession {
    let endpoint: URL
    let token: String

    /// Starts `kai mcp --http 127.0.0.1:0 arguments…`, waits for it to print where it serves, runs
    /// `body`, then stops kai with SIGTERM and waits for it to exit.
    static func with<T: Sendable>(_ arguments: [String], environment: [String: String], _ body: (MCPHTTPSession) async throws -> T) async throws -> T {
        let process = Process()
        process.executableURL = KaiProcess.binary
        process.arguments = ["mcp", "--http", "127.0.0.1:0"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("kai-tests-empty-config").path
        env.merge(environment) { $1 }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let (printed, printing) = AsyncStream<String>.makeStream()
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { printing.finish() } else { printing.yield(String(decoding: data, as: UTF8.self)) }
        }
        let (exited, exiting) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exiting.yield($0.terminationStatus); exiting.finish() }
        try process.run()
        defer { output.fileHandleForReading.readabilityHandler = nil }
        do {
            var text = ""
            var session: MCPHTTPSession?
            for await piece in printed {
                text += piece
                if let url = text.firstMatch(of: /serving MCP at (\S+)/), let token = text.firstMatch(of: /Bearer (\S+)/),
                   let endpoint = URL(string: String(url.output.1)) {
                    session = MCPHTTPSession(endpoint: endpoint, token: String(token.output.1))
                    break
                }
            }
            guard let session else { throw StartError(printed: text) }
            let result = try await body(session)
            process.terminate()
            for await _ in exited {}
            return result
        } catch {
            if process.isRunning { process.terminate() }
            for await _ in exited {}
            throw error
        }
    }

    /// kai exited before saying where it serves.
    struct StartError: Error, CustomStringConvertible {
        let printed: String
        var description: String { "kai mcp --http did not say where it serves; it printed: \(printed)" }
    }

    /// A client of this server sending `token` (nil: no Authorization header), connected, for the length of `body`.
    func withClient<T: Sendable>(token: String?, elicitation: Bool = false, _ body: (Client) async throws -> T) async throws -> T {
        let header = token.map { "Bearer \($0)" }
        let transport = HTTPClientTransport(endpoint: endpoint, streaming: false, requestModifier: { request in
            var request = request
            if let header { request.setValue(header, forHTTPHeaderField: "Authorization") }
            return request
        })
        let client = Client(name: "http-agent", version: "2.0",
                            capabilities: elicitation ? Client.Capabilities(elicitation: .init(form: .init())) : Client.Capabilities())
        do {
            try await client.connect(transport: transport)
            let result = try await body(client)
            await client.disconnect()
            return result
        } catch {
            await client.disconnect()
            throw error
        }
    }
}

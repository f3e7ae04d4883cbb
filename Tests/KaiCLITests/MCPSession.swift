import Foundation
import MCP
import SystemPackage

/// `kai mcp` started as an editor starts it (a child process speaking MCP on its standard input
/// and output), driven by the MCP SDK's own `Client` over its `StdioTransport`.
struct MCPSession {
    let client: Client
    /// What `kai mcp` wrote on standard error.
    let stderrFile: URL
    /// What the server told the client's model about itself.
    let instructions: String?

    /// What the client's person answers when the server asks through a form; nil for a client without elicitation.
    typealias Person = @Sendable (CreateElicitation.Parameters) async -> CreateElicitation.Result

    /// Starts `kai mcp arguments…` with `environment`, connects a client named `clientName`, runs
    /// `body`, then closes standard input and waits for kai to exit.
    static func with<T: Sendable>(_ arguments: [String], environment: [String: String], clientName: String = "kai-tests",
                                  person: Person? = nil, _ body: (MCPSession) async throws -> T) async throws -> T {
        let process = Process()
        process.executableURL = KaiProcess.binary
        process.arguments = ["mcp"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("kai-tests-empty-config").path
        env.merge(environment) { $1 }
        process.environment = env
        let input = Pipe()
        let output = Pipe()
        let stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("kai-mcp-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let stderr = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = stderr
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus); exited.continuation.finish() }
        try process.run()
        try? stderr.close()

        let capabilities = person == nil ? Client.Capabilities() : Client.Capabilities(elicitation: .init(form: .init()))
        let client = Client(name: clientName, version: "1.0", capabilities: capabilities)
        if let person { await client.withElicitationHandler { await person($0) } }
        let transport = StdioTransport(input: FileDescriptor(rawValue: output.fileHandleForReading.fileDescriptor),
                                       output: FileDescriptor(rawValue: input.fileHandleForWriting.fileDescriptor))
        do {
            let initialized = try await client.connect(transport: transport)
            let result = try await body(MCPSession(client: client, stderrFile: stderrFile, instructions: initialized.instructions))
            await finish(process, client: client, input: input, exited: exited.stream)
            return result
        } catch {
            await finish(process, client: client, input: input, exited: exited.stream)
            throw error
        }
    }

    /// Ends the session as an editor does, by closing kai's standard input; kai exits on its own.
    private static func finish(_ process: Process, client: Client, input: Pipe, exited: AsyncStream<Int32>) async {
        await client.disconnect()
        try? input.fileHandleForWriting.close()
        if process.isRunning, !(await exits(exited, within: .seconds(10))) { process.terminate() }
    }

    private static func exits(_ exited: AsyncStream<Int32>, within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { for await _ in exited { return true }; return true }
            group.addTask { try? await Task.sleep(for: limit); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// Calls tool `name` with `arguments` and returns the whole result, structured content included.
    func call(_ name: String, _ arguments: [String: Value] = [:]) async throws -> CallTool.Result {
        let request: RequestContext<CallTool.Result> = try await client.callTool(name: name, arguments: arguments)
        return try await request.value
    }

    /// What kai wrote on standard error so far.
    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }
}

extension CallTool.Result {
    /// The text content, joined.
    var text: String {
        content.compactMap { if case .text(let text, _, _) = $0 { text } else { nil } }.joined(separator: "\n")
    }
}

extension Value {
    /// The member at `path` of nested objects (and arrays, by index).
    subscript(path: String...) -> Value? {
        var value: Value? = self
        for key in path {
            if let index = Int(key), let array = value?.arrayValue { value = array.indices.contains(index) ? array[index] : nil }
            else { value = value?.objectValue?[key] }
        }
        return value
    }
}

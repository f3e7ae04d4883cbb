import Foundation
@testable import KaiSandbox

/// A sandbox served in process on 127.0.0.1:0, with a kubeconfig for it, and a way to run the
/// real kubectl against it.
final class SandboxHarness: Sendable {
    let server: SandboxServer
    let url: URL
    let kubeconfig: String
    private let task: Task<Void, Error>

    private init(server: SandboxServer, url: URL, kubeconfig: String, task: Task<Void, Error>) {
        self.server = server
        self.url = url
        self.kubeconfig = kubeconfig
        self.task = task
    }

    /// Starts a seeded (or empty) sandbox and waits until its port is bound.
    static func start(empty: Bool = false, faults: [String: Fault] = [:]) async throws -> SandboxHarness {
        var timing = KubeletTiming()
        timing.backOff = 0.5
        timing.backOffLimit = 2
        let server = try await SandboxServer.seeded(empty: empty, faults: faults, timing: timing, tick: .milliseconds(50))
        let (ready, continuation) = AsyncStream<URL>.makeStream()
        let task = Task { try await server.run(port: 0) { url in continuation.yield(url) } }
        var iterator = ready.makeAsyncIterator()
        guard let url = await iterator.next() else { throw CocoaError(.fileNoSuchFile) }
        let kubeconfig = FileManager.default.temporaryDirectory.appendingPathComponent("kai-sandbox-\(UUID().uuidString).kubeconfig").path
        try SandboxKubeconfig.write(server: url, to: kubeconfig)
        return SandboxHarness(server: server, url: url, kubeconfig: kubeconfig, task: task)
    }

    func stop() {
        task.cancel()
        try? FileManager.default.removeItem(atPath: kubeconfig)
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `kubectl arguments…` against the sandbox.
    func kubectl(_ arguments: String...) throws -> Result { try kubectl(arguments) }

    func kubectl(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kubectl", "--request-timeout=20s"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["KUBECONFIG": kubeconfig, "HOME": FileManager.default.temporaryDirectory.path]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Waits until every seeded deployment has rolled out, as `kubectl rollout status` decides it.
    func waitForRollouts() throws {
        for deployment in ["todo-chatbot-backend", "todo-chatbot-frontend", "todo-chatbot-postgres"] {
            _ = try kubectl("rollout", "status", "deploy/\(deployment)", "--timeout=60s")
        }
    }

    /// Runs kubectl until `condition` holds for its output, for at most `seconds`.
    func eventually(_ arguments: [String], seconds: Double = 30, _ condition: (Result) -> Bool) async throws -> Result {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try kubectl(arguments)
        while !condition(last), Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            last = try kubectl(arguments)
        }
        return last
    }
}

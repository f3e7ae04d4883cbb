import Foundation
@testable import KaiSandbox
import KaiTestSupport

/// A sandbox served in process on 127.0.0.1:0, with a kubeconfig for it, and a way to run the
/// real kubectl against it.
struct SandboxHarness: Sendable {
    let server: SandboxServer
    let running: RunningSandbox
    let kubeconfig: String

    var url: URL { running.url }

    typealias Result = ChildProcess.Result

    /// Serves a seeded (or empty) sandbox for the length of `body`, then stops it gracefully;
    /// over HTTPS with `tls`, the kubeconfig then embedding its CA and client certificate; watches
    /// resume from the last `watchHistory` changes.
    static func with<T: Sendable>(empty: Bool = false, faults: [String: Fault] = [:], logLines: [String: [String]] = [:],
                                  tls: SandboxCertificates? = nil, watchHistory: Int = 20_000,
                                  _ body: (SandboxHarness) async throws -> T) async throws -> T {
        var timing = KubeletTiming()
        timing.backOff = 0.5
        timing.backOffLimit = 2
        timing.autoscalerSync = 1
        let server = try await SandboxServer.seeded(empty: empty, faults: faults, logLines: logLines, timing: timing, tick: .milliseconds(50),
                                                    watchHistory: watchHistory)
        let running = try await server.start(port: 0, tls: tls)
        let kubeconfig = FileManager.default.temporaryDirectory.appendingPathComponent("kai-sandbox-\(UUID().uuidString).kubeconfig").path
        let harness = SandboxHarness(server: server, running: running, kubeconfig: kubeconfig)
        do {
            if let tls {
                try SandboxKubeconfig.write(server: running.url, certificates: tls, to: kubeconfig)
            } else {
                try SandboxKubeconfig.write(server: running.url, to: kubeconfig)
            }
            let result = try await body(harness)
            await harness.stop()
            return result
        } catch {
            await harness.stop()
            throw error
        }
    }

    private func stop() async {
        await running.stop()
        try? FileManager.default.removeItem(atPath: kubeconfig)
    }

    /// The environment that points kubectl (and Helm) at this sandbox.
    var environment: [String: String] { Self.environment(kubeconfig: kubeconfig) }

    private static func environment(kubeconfig: String) -> [String: String] {
        ["KUBECONFIG": kubeconfig, "HOME": FileManager.default.temporaryDirectory.path]
    }

    /// Runs `kubectl arguments…` against the sandbox.
    func kubectl(_ arguments: String...) async throws -> Result { try await kubectl(arguments) }

    func kubectl(_ arguments: [String]) async throws -> Result {
        try await kubectl(arguments, kubeconfig: kubeconfig)
    }

    /// Runs kubectl with another kubeconfig (one with other credentials, say), in `directory`.
    func kubectl(_ arguments: [String], kubeconfig: String, directory: URL? = nil) async throws -> Result {
        try await ChildProcess.run(program: "kubectl", ["--request-timeout=20s"] + arguments,
                                   environment: Self.environment(kubeconfig: kubeconfig), directory: directory)
    }

    /// Runs `kubectl arguments…` in the background (`get -w`) for the length of `body`, which gets it.
    func withKubectlInBackground<T: Sendable>(_ arguments: [String], _ body: (ChildProcess.Running) async throws -> T) async throws -> T {
        try await ChildProcess.withRunning(URL(fileURLWithPath: "/usr/bin/env"), ["kubectl"] + arguments, environment: environment, body)
    }

    /// Waits until every seeded deployment has rolled out, as `kubectl rollout status` decides it.
    func waitForRollouts() async throws {
        for deployment in ["todo-chatbot-backend", "todo-chatbot-frontend", "todo-chatbot-postgres"] {
            _ = try await kubectl("rollout", "status", "deploy/\(deployment)", "--timeout=60s")
        }
    }

    /// Runs kubectl until `condition` holds for its output, for at most `seconds`.
    func eventually(_ arguments: [String], seconds: Double = 30, _ condition: (Result) -> Bool) async throws -> Result {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try await kubectl(arguments)
        while !condition(last), Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            last = try await kubectl(arguments)
        }
        return last
    }
}

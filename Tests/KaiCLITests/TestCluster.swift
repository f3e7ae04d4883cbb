import Foundation
import KaiSandbox
import KaiTestSupport

/// A sandbox of one test's own (changes must not leak into other tests), served in this
/// process, with its kubeconfig and a private state folder for kai's audit log and history.
struct TestCluster {
    let kubeconfig: String
    let state: URL
    /// The sandbox's API address.
    let server: URL
    /// The API requests it has served.
    let tally: RequestTally

    var environment: [String: String] { ["KUBECONFIG": kubeconfig, "XDG_STATE_HOME": state.path] }

    /// Runs `body` against a fresh, settled sandbox with `faults` and `logLines` in its logs, then stops it.
    static func with<T: Sendable>(faults: [String: Fault] = [:], logLines: [String: [String]] = [:],
                                  _ body: (TestCluster) async throws -> T) async throws -> T {
        let server = try await SandboxServer.seeded(faults: faults, logLines: logLines)
        let running = try await server.start(port: 0)
        let folder = try KaiProcess.temporaryDirectory()
        do {
            await server.settle(timeout: .seconds(10))
            let kubeconfig = folder.appendingPathComponent("kubeconfig").path
            try SandboxKubeconfig.write(server: running.url, to: kubeconfig)
            let result = try await body(TestCluster(kubeconfig: kubeconfig, state: folder.appendingPathComponent("state"), server: running.url, tally: server.tally))
            await running.stop()
            try? FileManager.default.removeItem(at: folder)
            return result
        } catch {
            await running.stop()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Runs `kai arguments…` against this cluster.
    func kai(_ arguments: [String], environment extra: [String: String] = [:], input: String? = nil) async throws -> KaiProcess.Result {
        try await KaiProcess.run(arguments, environment: environment.merging(extra) { $1 }, input: input)
    }

    /// Runs the real kubectl against this cluster.
    func kubectl(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run(program: "kubectl", ["--request-timeout=20s"] + arguments,
                                   environment: ["KUBECONFIG": kubeconfig, "HOME": state.path])
    }

    /// The lines of kai's audit log.
    var auditLines: [String] {
        let text = (try? String(contentsOf: state.appendingPathComponent("kai/audit.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }
}

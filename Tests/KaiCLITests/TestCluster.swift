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
    /// The lines tests add to its components' logs.
    let logBook: LogBook

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
            let result = try await body(TestCluster(kubeconfig: kubeconfig, state: folder.appendingPathComponent("state"), server: running.url,
                                                             tally: server.tally, logBook: server.logLines))
            await running.stop()
            try? FileManager.default.removeItem(at: folder)
            return result
        } catch {
            await running.stop()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// This cluster behind a ``FaultProxy`` that gives `fault` to the first request `when` accepts:
    /// the same state folder, a kubeconfig naming the proxy. Stop the proxy when done.
    func behindProxy(_ fault: FaultProxy.Fault = .dropResponse,
                     when matches: @escaping @Sendable (String, String) -> Bool = { _, _ in false }) throws -> (TestCluster, FaultProxy) {
        let proxy = try FaultProxy(upstream: server, fault: fault, when: matches)
        let path = state.deletingLastPathComponent().appendingPathComponent("proxied.kubeconfig").path
        try SandboxKubeconfig.write(server: proxy.url, to: path)
        return (TestCluster(kubeconfig: path, state: state, server: proxy.url, tally: tally, logBook: logBook), proxy)
    }

    /// Creates a Warning event about `object` (`Kind/name` in todo-chatbot) with kubectl, as a controller would.
    /// `message` is YAML's double-quoted text: escapes such as `\\x1b` stand for the characters.
    func addWarningEvent(_ name: String, about object: (kind: String, name: String), reason: String, message: String) async throws {
        let file = state.deletingLastPathComponent().appendingPathComponent("\(name).yaml")
        try """
        apiVersion: v1
        kind: Event
        metadata: {name: \(name), namespace: todo-chatbot}
        involvedObject: {kind: \(object.kind), name: \(object.name), namespace: todo-chatbot}
        type: Warning
        reason: \(reason)
        message: "\(message)"
        """.write(to: file, atomically: true, encoding: .utf8)
        _ = try await kubectl(["apply", "-f", file.path])
    }

    /// Starts `kai arguments…` against this cluster in the background, to signal or cut off while it works.
    func start(_ arguments: [String]) throws -> ChildProcess.Running {
        var env = ["XDG_CONFIG_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("kai-tests-empty-config").path]
        env.merge(environment) { $1 }
        return try ChildProcess.Running(KaiProcess.binary, arguments, environment: env)
    }

    /// Reads `.spec.replicas` (or another jsonpath) of deployment `todo-chatbot-<component>` with kubectl.
    func field(_ component: String, _ path: String = "{.spec.replicas}") async throws -> String {
        try await kubectl(["get", "deploy", "todo-chatbot-\(component)", "-o", "jsonpath=\(path)"]).stdout
    }

    /// Waits until `condition` holds, checking again every 50 ms until `deadline` passes.
    func wait(for what: String, deadline: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        let end = ContinuousClock.now + deadline
        while try await !condition() {
            guard ContinuousClock.now < end else { throw WaitError(what: what) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// A condition a test waited for did not come.
    struct WaitError: Error, CustomStringConvertible {
        let what: String
        var description: String { "gave up waiting for \(what)" }
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

    /// kai's audit log, each line parsed.
    var audit: AuditLines { AuditLines(path: state.appendingPathComponent("kai/audit.jsonl").path) }

    /// The lines of kai's audit log.
    var auditLines: [String] {
        let text = (try? String(contentsOf: state.appendingPathComponent("kai/audit.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }
}

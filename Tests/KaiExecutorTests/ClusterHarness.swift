import Foundation
import KaiCore
@testable import KaiExecutor
import KaiKube
import KaiSandbox
import Testing

/// How the tests reach the sandbox: plain HTTP, or HTTPS with a client certificate as minikube
/// sets it up (CA and client certificate files next to the kubeconfig).
enum Transport: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case http, https
    var testDescription: String { rawValue }
}

/// A seeded sandbox served in process, a client for it made from a kubeconfig the way kai
/// makes one, and an executor that records to a private audit log; torn down afterwards.
struct ClusterHarness: Sendable {
    let server: SandboxServer
    let client: KubeClient
    let audit: AuditLog
    let namespace = TodoStackSeed.namespace

    /// Runs `body` against a fresh sandbox (with `faults`), then stops it.
    static func with<T: Sendable>(_ transport: Transport = .http, faults: [String: Fault] = [:],
                                  _ body: (ClusterHarness) async throws -> T) async throws -> T {
        var timing = KubeletTiming()
        timing.start = 0.3
        timing.ready = 0.3
        timing.crashAfter = 0.3
        timing.backOff = 0.3
        timing.backOffLimit = 1
        timing.autoscalerSync = 1
        let server = try await SandboxServer.seeded(faults: faults, timing: timing, tick: .milliseconds(50))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kai-harness-\(UUID().uuidString)")
        let kubeconfig = folder.appendingPathComponent("kube/config").path
        let running: RunningSandbox
        switch transport {
        case .http:
            running = try await server.start(port: 0)
            try SandboxKubeconfig.write(server: running.url, to: kubeconfig)
        case .https:
            let certificates = try SandboxCertificates.generate()
            running = try await server.start(port: 0, tls: certificates)
            try SandboxKubeconfig.write(server: running.url, certificates: certificates, storage: .files, to: kubeconfig)
        }
        let endpoint = try KubeconfigLoader(environment: [:]).endpoint(KubeconfigSelection(path: kubeconfig))
        let client = try KubeClient(endpoint: endpoint, credentials: endpoint.makeCredentialProvider(environment: [:]))
        let harness = ClusterHarness(server: server, client: client, audit: AuditLog(path: folder.appendingPathComponent("audit.jsonl").path))
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            if faults.isEmpty { try await harness.waitUntilRolledOut() }
            let result = try await body(harness)
            await client.shutdown()
            await running.stop()
            return result
        } catch {
            await client.shutdown()
            await running.stop()
            throw error
        }
    }

    /// An executor over this cluster that follows rollouts for at most `rolloutTimeout`.
    func executor(rolloutTimeout: Duration = .seconds(30)) -> Executor {
        Executor(client: client, audit: audit, context: AuditContext(endpoint: client.endpoint, environment: ["USER": "tester"]),
                 rolloutTimeout: rolloutTimeout)
    }

    /// The changes the audit log holds, oldest first.
    func changes() throws -> [AuditChange] { try audit.history().changes }

    /// What `kai undo` would propose on this cluster now.
    func proposeUndo(id: String? = nil) async throws -> UndoProposal {
        try await UndoProposal.propose(from: audit, id: id, cluster: AuditContext(endpoint: client.endpoint), client: client, policy: .defaults)
    }

    func deployment(_ component: String) -> ObjectReference {
        ObjectReference(kind: .deployment, namespace: namespace, name: "todo-chatbot-\(component)")
    }

    /// Runs `operations` as one plan with full consent (as `--yes --allow-disruptive`).
    func run(_ operations: [CatalogOperation], rolloutTimeout: Duration = .seconds(30)) async -> ExecutionReport {
        let plan = Plan(request: "test plan", interpreter: .local, steps: operations.map { PlannedStep($0) })
        return await executor(rolloutTimeout: rolloutTimeout).run(plan)
    }

    /// Reads deployment `todo-chatbot-<component>` through the API.
    func read(_ component: String) async throws -> Deployment {
        try await client.get(Deployment.self, .deployments, "todo-chatbot-\(component)", in: namespace)
    }

    /// Waits until every pod of `component` satisfies `condition`, for at most `timeout`.
    func waitForPods(_ component: String, timeout: Duration = .seconds(30), _ condition: (Pod) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let pods = try await client.list(Pod.self, .pods, in: namespace, labelSelector: "app.kubernetes.io/component=\(component)").items
            if !pods.isEmpty, pods.allSatisfy(condition) { return }
            guard ContinuousClock.now < deadline else {
                throw ExecutionError(problem: "the pods of \(component) did not reach the condition in \(timeout)", remedy: "")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Waits until every seeded deployment's rollout is complete.
    func waitUntilRolledOut() async throws {
        for component in ["backend", "frontend", "postgres"] {
            let outcome = try await RolloutWatcher(client: client, timeout: .seconds(30), progress: { _ in })
                .follow(deployment: "todo-chatbot-\(component)", in: namespace)
            guard case .complete = outcome else { throw ExecutionError(problem: "seed did not roll out: \(outcome.message)", remedy: "") }
        }
    }
}

import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// An empty HTTPS sandbox (as `kai sandbox serve --empty --https` serves it) to install
/// charts/todo-chatbot into with real Helm, with kubectl, the Python checks and the built kai.
struct ChartCluster {
    let server: SandboxServer
    let url: URL
    let certificates: SandboxCertificates
    let folder: URL
    /// The administrator's kubeconfig (the client certificate).
    let kubeconfig: String

    static let chart = Corpus.packageRoot.appendingPathComponent("charts/todo-chatbot").path
    private static let helmDriver = Corpus.packageRoot.appendingPathComponent("Tests/Fixtures/helm/release.py").path
    private static let validator = Corpus.packageRoot.appendingPathComponent("Tests/Fixtures/helm/validate.py").path
    /// The Kubernetes version the sandbox reports and the objects are validated against.
    static let kubernetesVersion = "1.32.0"

    /// The path of one of the chart's values files: "values-dev.yaml", "values-prod.yaml".
    static func valuesFile(_ name: String) -> String { "\(chart)/\(name)" }

    /// Runs `body` against a fresh, empty HTTPS sandbox, then stops it.
    static func with<T: Sendable>(_ body: (ChartCluster) async throws -> T) async throws -> T {
        let certificates = try SandboxCertificates.generate()
        let server = try await SandboxServer.seeded(empty: true)
        let running = try await server.start(port: 0, tls: certificates)
        let folder = try KaiProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let kubeconfig = folder.appendingPathComponent("admin.kubeconfig").path
            try SandboxKubeconfig.write(server: running.url, certificates: certificates, to: kubeconfig)
            let cluster = ChartCluster(server: server, url: running.url, certificates: certificates, folder: folder, kubeconfig: kubeconfig)
            let result = try await body(cluster)
            await running.stop()
            return result
        } catch {
            await running.stop()
            throw error
        }
    }

    /// Real Helm through the Python driver: `install NAMESPACE RELEASE CHART [VALUES_JSON] [--values=FILE]…`;
    /// its one-line JSON answer.
    func helm(_ action: String, namespace: String = "todo-chatbot", _ arguments: [String]) async throws -> [String: Any] {
        let result = try await ChildProcess.run(program: "python3", [Self.helmDriver, action, kubeconfig, namespace, "todo-chatbot"] + arguments,
                                                environment: ["HOME": folder.path])
        let line = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                            "helm printed no result: \(result.stdout) \(result.stderr)")
    }

    /// Installs the chart as release todo-chatbot with `valuesFiles` and `values` (JSON) on top.
    func install(namespace: String = "todo-chatbot", valuesFiles: [String] = [], values: String = "{}") async throws -> [String: Any] {
        try await helm("install", namespace: namespace, [Self.chart, values] + valuesFiles.map { "--values=\(Self.valuesFile($0))" } + ["--timeout=90"])
    }

    /// The real kubectl, as the administrator or with `kubeconfig`.
    func kubectl(_ arguments: [String], kubeconfig: String? = nil) async throws -> ChildProcess.Result {
        try await ChildProcess.run(program: "kubectl", ["--request-timeout=20s", "--kubeconfig", kubeconfig ?? self.kubeconfig] + arguments,
                                   environment: ["HOME": folder.path])
    }

    /// `kubectl get arguments -o json`, parsed.
    func objects(_ arguments: [String]) async throws -> [[String: Any]] {
        let result = try await kubectl(["get"] + arguments + ["-o", "json"])
        let list = try #require(try result.json()["items"] as? [[String: Any]], "kubectl get \(arguments): \(result.stderr)")
        return list
    }

    /// The objects `kubectl get arguments` reads back, checked against Kubernetes' schemas by kubernetes-validate.
    func validate(_ arguments: [String]) async throws -> (validated: [String], errors: [String]) {
        let objects = try await kubectl(["get"] + arguments + ["-o", "json"])
        #expect(objects.status == 0, "\(objects.stderr)")
        let result = try await ChildProcess.run(program: "python3", [Self.validator, Self.kubernetesVersion], input: objects.stdout)
        let answer = try result.json()
        return (answer["validated"] as? [String] ?? [], answer["errors"] as? [String] ?? [])
    }

    /// A kubeconfig holding a token `kubectl create token` got for service account `name`,
    /// whose user is named as the API server names the account.
    func serviceAccountKubeconfig(_ name: String, namespace: String = "todo-chatbot") async throws -> String {
        let token = try await kubectl(["-n", namespace, "create", "token", name])
        #expect(token.status == 0, "\(token.stderr)")
        let path = folder.appendingPathComponent("\(name).kubeconfig").path
        let text = SandboxKubeconfig.text(server: url, certificates: certificates, token: token.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                                          user: "system:serviceaccount:\(namespace):\(name)")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs the built kai with `kubeconfig`, its state (audit log) and configuration (policy.yaml,
    /// see ``usePolicy(fromConfigMap:)``) in this cluster's folder.
    func kai(_ arguments: [String], kubeconfig: String) async throws -> ChildProcess.Result {
        try await KaiProcess.run(arguments + ["--kubeconfig", kubeconfig],
                                 environment: ["XDG_STATE_HOME": folder.appendingPathComponent("state").path,
                                               "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path])
    }

    /// Gives kai the policy.yaml of ConfigMap `name`, as the chart mounts it in kai's pod.
    func usePolicy(fromConfigMap name: String, namespace: String = "todo-chatbot") async throws {
        let policy = try await kubectl(["-n", namespace, "get", "configmap", name, "-o", #"jsonpath={.data.policy\.yaml}"#])
        #expect(policy.status == 0 && !policy.stdout.isEmpty, "\(policy.stderr)")
        let directory = folder.appendingPathComponent("config/kai")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(policy.stdout.utf8).write(to: directory.appendingPathComponent("policy.yaml"))
    }
}

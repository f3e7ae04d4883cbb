import Foundation
import KaiSpawn

/// A client-go credential plugin (a kubeconfig user's `exec` section, e.g. `aws eks get-token`,
/// `gke-gcloud-auth-plugin`, `kubelogin`): runs the command, reads the `ExecCredential` it
/// prints, and keeps the credential until its `expirationTimestamp` (for the process's
/// lifetime when it has none) or until ``invalidate()``.
///
/// Callers that ask at the same time share one run of the plugin.
///
/// ```swift
/// let plugin = ExecCredentialPlugin(config: ExecPluginConfig(
///     apiVersion: "client.authentication.k8s.io/v1", command: "aws", arguments: ["eks", "get-token", "--cluster-name", "prod"]))
/// let token = try await plugin.credentials().bearerToken
/// ```
public actor ExecCredentialPlugin: CredentialProvider {
    public nonisolated let config: ExecPluginConfig
    /// The cluster described to the plugin in `KUBERNETES_EXEC_INFO` (with `provideClusterInfo`).
    public nonisolated let cluster: ClusterEndpoint?
    /// kai's own environment, which the plugin inherits, with the config's variables on top.
    /// Private: it holds API keys that must not be printed by accident.
    private nonisolated let environment: [String: String]
    /// How long one run may take before the plugin is stopped (SIGTERM, then SIGKILL); kai passes `--request-timeout`.
    public nonisolated let timeout: Duration

    private struct Cached {
        let credentials: Credentials
        let expiry: Date?
    }

    private var cached: Cached?
    private var running: Task<Cached, any Error>?

    /// A provider running the plugin `config` describes; `cluster` is passed to it only when the
    /// config sets `provideClusterInfo`.
    public init(config: ExecPluginConfig, cluster: ClusterEndpoint? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = ClientSettings().requestTimeout) {
        self.config = config
        self.cluster = cluster
        self.environment = environment
        self.timeout = timeout
    }

    /// The cached credentials while they are valid; otherwise runs the plugin (once, however
    /// many callers wait).
    public func credentials() async throws -> Credentials {
        if let cached, cached.expiry.map({ Date() < $0 }) ?? true {
            return cached.credentials
        }
        let run: Task<Cached, any Error>
        if let running {
            run = running
        } else {
            let (config, cluster, environment, timeout) = (config, cluster, environment, timeout)
            run = Task { try await Self.fetch(config, cluster: cluster, environment: environment, timeout: timeout) }
            running = run
        }
        do {
            let fresh = try await run.value
            if running == run {
                running = nil
                cached = fresh
            }
            return fresh.credentials
        } catch {
            if running == run { running = nil }
            throw error
        }
    }

    /// Forgets the cached credential, so the next request runs the plugin again.
    public func invalidate() async {
        cached = nil
    }

    private static func fetch(_ config: ExecPluginConfig, cluster: ClusterEndpoint?, environment: [String: String],
                              timeout: Duration) async throws(CredentialError) -> Cached {
        let name = config.command
        if config.interactiveMode == "Always" { throw .needsTerminal(name) }
        guard let executable = PluginProcess.locate(config.command, searchPath: environment["PATH"]) else {
            throw .notFound(name, installHint: config.installHint)
        }
        let request = ExecCredential.Request(apiVersion: config.apiVersion, cluster: config.provideClusterInfo ? cluster : nil)
        var childEnvironment = environment.merging(config.environment) { $1 }
        childEnvironment["KUBERNETES_EXEC_INFO"] = request.json()
        let output = try await PluginProcess.run(executable, config.arguments, environment: childEnvironment,
                                                 timeout: timeout, name: name)
        guard output.termination == .exited(0) else {
            throw .failed(name, output.termination, stderr: String(decoding: output.standardError, as: UTF8.self))
        }
        let reply = try ExecCredential.Reply(output: output.standardOutput, apiVersion: config.apiVersion, command: name)
        return Cached(credentials: reply.credentials, expiry: reply.expiry)
    }
}

import ArgumentParser
import Foundation
import KaiConfig
import KaiCore
import KaiKube
import KaiSandbox

/// Which cluster to talk to, as kubectl's flags say it, or the embedded sandbox.
public struct ClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Kubeconfig file to use instead of $KUBECONFIG or ~/.kube/config.", valueName: "path"))
    public var kubeconfig: String?

    @Option(help: ArgumentHelp("Kubeconfig context to use instead of its current-context.", valueName: "name"))
    public var context: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Namespace to act in instead of the context's.", valueName: "name"))
    public var namespace: String?

    @Option(name: .customLong("request-timeout"),
            help: ArgumentHelp("Seconds each API call may take, and each run of the kubeconfig's credential plugin.", valueName: "seconds"))
    public var requestTimeout: Double = 30

    @Flag(help: "Use an embedded, simulated todo-chatbot cluster instead of a kubeconfig's (nothing real is touched).")
    public var sandbox = false

    @OptionGroup public var sandboxSetup: SandboxOptions

    public init() {}

    public func validate() throws {
        guard requestTimeout > 0, requestTimeout <= 3600 else {
            throw ValidationError("--request-timeout must be more than 0 and at most 3600 seconds, not \(requestTimeout).")
        }
        if sandbox, kubeconfig != nil || context != nil {
            throw ValidationError("--sandbox uses its own cluster; leave out --kubeconfig and --context.")
        }
        if !sandbox, !sandboxSetup.isEmpty {
            throw ValidationError("--fault and --log-line shape the embedded cluster; add --sandbox (or use them with kai sandbox serve).")
        }
    }

    /// Runs `body` with a connection to the cluster the flags name, acting in `configuration`'s
    /// namespace (else the context's), and closes it afterwards however `body` ends.
    public func withConnection<T>(_ configuration: Configuration, _ body: (ClusterConnection) async throws -> T) async throws -> T {
        let connection = try await connect(namespace: configuration.namespace.value)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Connects to the cluster the flags name: reads the kubeconfig (or starts the sandbox) and makes a client.
    public func connect(namespace: String?) async throws -> ClusterConnection {
        if sandbox {
            let server = try await SandboxServer.seeded(faults: sandboxSetup.injectedFaults, logLines: sandboxSetup.injectedLines)
            let running = try await server.start(port: 0)
            await server.settle()
            let endpoint = ClusterEndpoint(server: running.url, contextName: SandboxKubeconfig.context, clusterName: SandboxKubeconfig.context,
                                           userName: "kai-sandbox", namespace: namespace ?? TodoStackSeed.namespace,
                                           origin: "the embedded sandbox (--sandbox)")
            let client = try KubeClient(endpoint: endpoint, credentials: StaticCredentialProvider(Credentials()), settings: settings)
            return ClusterConnection(client: client, sandbox: running)
        }
        let endpoint = try kubeconfigEndpoint(namespace: namespace)
        return ClusterConnection(client: try client(for: endpoint), sandbox: nil)
    }

    /// The endpoint the kubeconfig (or the pod's service account) gives for these flags, acting in `namespace` when given.
    public func kubeconfigEndpoint(namespace: String?) throws(KubeconfigError) -> ClusterEndpoint {
        try KubeconfigLoader(environment: ProcessInfo.processInfo.environment)
            .endpoint(KubeconfigSelection(path: kubeconfig, context: context, namespace: namespace))
    }

    /// A client for `endpoint`, with its credentials and these flags' deadline.
    public func client(for endpoint: ClusterEndpoint) throws -> KubeClient {
        try KubeClient(endpoint: endpoint, credentials: endpoint.makeCredentialProvider(environment: ProcessInfo.processInfo.environment,
                                                                                        pluginTimeout: settings.requestTimeout),
                       settings: settings)
    }

    private var settings: ClientSettings {
        var settings = ClientSettings()
        settings.requestTimeout = .milliseconds(Int(requestTimeout * 1000))
        return settings
    }
}

/// A client for the chosen cluster, and the embedded sandbox behind it when there is one.
public struct ClusterConnection: Sendable {
    public let client: KubeClient
    public let sandbox: RunningSandbox?

    public init(client: KubeClient, sandbox: RunningSandbox?) {
        self.client = client
        self.sandbox = sandbox
    }

    public var endpoint: ClusterEndpoint { client.endpoint }

    /// Closes the client's connections and stops the sandbox.
    public func close() async {
        await client.shutdown()
        await sandbox?.stop()
    }
}

import ArgumentParser
import Foundation
import KaiCore
import KaiKube
import KaiSandbox

/// Which cluster to talk to, as kubectl's flags say it, or the embedded sandbox.
struct ClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Kubeconfig file to use instead of $KUBECONFIG or ~/.kube/config.", valueName: "path"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("Kubeconfig context to use instead of its current-context.", valueName: "name"))
    var context: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Namespace to act in instead of the context's.", valueName: "name"))
    var namespace: String?

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds each API call may take.", valueName: "seconds"))
    var requestTimeout: Double = 30

    @Flag(help: "Use an embedded, simulated todo-chatbot cluster instead of a kubeconfig's (nothing real is touched).")
    var sandbox = false

    @OptionGroup var sandboxSetup: SandboxOptions

    func validate() throws {
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

    /// Runs `body` with a connection to the cluster the flags name, and closes it afterwards however `body` ends.
    func withConnection<T>(_ body: (ClusterConnection) async throws -> T) async throws -> T {
        let connection = try await connect()
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
    private func connect() async throws -> ClusterConnection {
        var settings = ClientSettings()
        settings.requestTimeout = .milliseconds(Int(requestTimeout * 1000))
        if sandbox {
            let server = try await SandboxServer.seeded(faults: sandboxSetup.injectedFaults, logLines: sandboxSetup.injectedLines)
            let running = try await server.start(port: 0)
            await server.settle()
            let endpoint = ClusterEndpoint(server: running.url, contextName: SandboxKubeconfig.context, clusterName: SandboxKubeconfig.context,
                                           userName: "kai-sandbox", namespace: namespace ?? TodoStackSeed.namespace)
            let client = try KubeClient(endpoint: endpoint, credentials: StaticCredentialProvider(Credentials()), settings: settings)
            return ClusterConnection(client: client, sandbox: running)
        }
        let environment = ProcessInfo.processInfo.environment
        let endpoint = try KubeconfigLoader(environment: environment)
            .endpoint(KubeconfigSelection(path: kubeconfig, context: context, namespace: namespace))
        let client = try KubeClient(endpoint: endpoint, credentials: endpoint.makeCredentialProvider(environment: environment), settings: settings)
        return ClusterConnection(client: client, sandbox: nil)
    }
}

/// A client for the chosen cluster, and the embedded sandbox behind it when there is one.
struct ClusterConnection {
    let client: KubeClient
    let sandbox: RunningSandbox?

    var endpoint: ClusterEndpoint { client.endpoint }

    /// Closes the client's connections and stops the sandbox.
    func close() async {
        await client.shutdown()
        await sandbox?.stop()
    }
}

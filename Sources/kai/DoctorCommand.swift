import ArgumentParser
import Foundation
import KaiCommandLine
import KaiConfig
import KaiCore
import KaiDoctor
import KaiExecutor
import KaiKube
import KaiPolicy
import KaiTerminal

/// `kai doctor`: checks each thing that can stop kai from working and says how to fix it.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that kai can work here: configuration, kubeconfig, cluster, namespace, permissions, model provider.",
        discussion: """
        Each check says what it found and, when something is wrong, what to do. Permissions are \
        asked of the API server itself (SelfSubjectAccessReview) for every operation the policy \
        allows; a missing one is shown with the Role rule that grants it.

        Examples:
          kai doctor
          kai doctor --context minikube -n todo-chatbot
          kai doctor --sandbox -o json

        Exits 0 when kai can work (warnings included), else with the code of the first failed \
        check: 2 configuration, 5 cluster unreachable, 1 permissions.
        """
    )

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var options: CommonOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var checks: [DoctorCheck] = []
        var configuration: Configuration?
        var policy: Policy?
        do {
            let resolved = try options.configuration(cluster: cluster, environment: environment)
            configuration = resolved
            checks.append(LocalChecks.configuration(resolved))
        } catch {
            checks.append(.failed("config", error))
        }
        if let configuration {
            do {
                let loaded = try options.loadPolicy(configuration)
                policy = loaded
                checks.append(LocalChecks.policy(loaded))
            } catch let error as any KaiError {
                checks.append(.failed("policy", error))
            }
        } else {
            checks.append(.skipped("policy", because: "the configuration cannot be read"))
        }
        checks += await clusterChecks(namespace: configuration?.namespace.value ?? cluster.namespace, policy: policy ?? .defaults)
        if let configuration {
            checks.append(await ProviderCheck.run(configuration))
        } else {
            checks.append(.skipped("provider", because: "the configuration cannot be read"))
        }
        checks.append(LocalChecks.stateFolder(Self.stateFolder(environment)))
        checks.append(LocalChecks.auditLog(AuditLog.standard(environment: environment)))
        let report = DoctorReport(checks)
        switch configuration?.output.value ?? options.output ?? .text {
        case .json: Console.out(DoctorText.json(report))
        case .text: Console.out(DoctorText.render(report, paint: .standardOutput))
        }
        if let failure = report.firstFailure { throw ExitCode(ExitStatus.code(for: failure.category ?? .operationFailed)) }
    }

    /// The kubeconfig check, then the cluster's own (skipped when there is no cluster to ask).
    private func clusterChecks(namespace: String?, policy: Policy) async -> [DoctorCheck] {
        let clusterNames = ["cluster", "namespace", "permissions", "metrics"]
        let connection: ClusterConnection
        do {
            if cluster.sandbox {
                connection = try await cluster.connect(namespace: namespace)
            } else {
                let endpoint = try cluster.kubeconfigEndpoint(namespace: namespace)
                connection = ClusterConnection(client: try cluster.client(for: endpoint), sandbox: nil)
            }
        } catch let error as any KaiError {
            return [.failed("kubeconfig", error)] + clusterNames.map { .skipped($0, because: "there is no usable kubeconfig") }
        } catch {
            return [.failed("kubeconfig", "\(error)", fix: "Pass --kubeconfig or set KUBECONFIG.", category: .usage)]
        }
        let checks = [LocalChecks.kubeconfig(connection.endpoint)]
            + (await ClusterChecks(client: connection.client, namespace: connection.endpoint.namespace, policy: policy).run())
        await connection.close()
        return checks
    }

    static func stateFolder(_ environment: [String: String]) -> String {
        (environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.local/state") + "/kai"
    }
}

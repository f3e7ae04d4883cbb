import Foundation
import KaiTestSupport
import Testing

/// Real Helm (v4's Go SDK through helm-sdkpy) installs, upgrades and uninstalls a chart in an
/// empty sandbox, waiting for readiness as it would on a cluster.
@Suite("Helm against the sandbox", .serialized)
struct HelmTests {
    private static let chart = Corpus.packageRoot.appendingPathComponent("Tests/Fixtures/charts/mini").path
    private static let driver = Corpus.packageRoot.appendingPathComponent("Tests/Fixtures/helm/release.py").path

    private func helm(_ sandbox: SandboxHarness, _ arguments: [String]) async throws -> [String: Any] {
        let result = try await ChildProcess.run(program: "python3", [Self.driver] + arguments, environment: sandbox.environment)
        let line = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                                 "helm printed no result: \(result.stdout) \(result.stderr)")
        return reply
    }

    @Test func installUpgradeAndUninstallAChart() async throws {
        try await SandboxHarness.with(empty: true) { sandbox in
            let install = try await helm(sandbox, ["install", sandbox.kubeconfig, "shop", "web", Self.chart])
            #expect(install["status"] as? String == "deployed", "\(install)")
            #expect(install["version"] as? Int == 1)
            // Helm waited for readiness, so the deployment is available when it returns.
            let ready = try await sandbox.kubectl("get", "deploy", "web-web", "-n", "shop", "-o", "jsonpath={.status.availableReplicas}")
            #expect(ready.stdout == "1")
            let release = try await sandbox.kubectl("get", "secrets", "-n", "shop", "-l", "owner=helm", "-o", "jsonpath={.items[*].type}")
            #expect(release.stdout == "helm.sh/release.v1")
            let service = try await sandbox.kubectl("get", "svc", "web-web", "-n", "shop", "-o", "jsonpath={.spec.clusterIP}")
            #expect(service.stdout.hasPrefix("10.96."))

            let upgrade = try await helm(sandbox, ["upgrade", sandbox.kubeconfig, "shop", "web", Self.chart,
                                                   #"{"replicaCount": 2, "greeting": "hi", "image": {"tag": "1.28"}}"#])
            #expect(upgrade["status"] as? String == "deployed", "\(upgrade)")
            #expect(upgrade["version"] as? Int == 2)
            let scaled = try await sandbox.kubectl("get", "deploy", "web-web", "-n", "shop",
                                                   "-o", "jsonpath={.status.availableReplicas} {.spec.template.spec.containers[0].image}")
            #expect(scaled.stdout == "2 nginx:1.28")
            let settings = try await sandbox.kubectl("get", "cm", "web-settings", "-n", "shop", "-o", "jsonpath={.data.GREETING}")
            #expect(settings.stdout == "hi")
            let history = try await sandbox.kubectl("rollout", "history", "deploy/web-web", "-n", "shop")
            #expect(history.stdout.contains("2 "))

            let uninstall = try await helm(sandbox, ["uninstall", sandbox.kubeconfig, "shop", "web"])
            #expect(uninstall["status"] as? String == "uninstalled", "\(uninstall)")
            let left = try await sandbox.kubectl("get", "deploy,rs,pods,svc,cm,secrets", "-n", "shop", "-o", "name")
            #expect(left.stdout.isEmpty)
            let status = try await helm(sandbox, ["status", sandbox.kubeconfig, "shop", "web"])
            #expect((status["error"] as? String)?.contains("not found") == true)
        }
    }

    @Test func serverSideApplyInstallsTheSameChart() async throws {
        try await SandboxHarness.with(empty: true) { sandbox in
            let install = try await helm(sandbox, ["install", sandbox.kubeconfig, "ssa", "web", Self.chart, "{}", "--server-side"])
            #expect(install["status"] as? String == "deployed", "\(install)")
            let pods = try await sandbox.kubectl("get", "pods", "-n", "ssa", "-l", "app.kubernetes.io/instance=web")
            #expect(pods.stdout.contains("1/1"))
            #expect(pods.stdout.contains("Running"))
        }
    }

    @Test func aChartThatNeverBecomesReadyFailsHelmsWait() async throws {
        try await SandboxHarness.with(empty: true) { sandbox in
            let install = try await helm(sandbox, ["install", sandbox.kubeconfig, "broken", "web", Self.chart,
                                                   #"{"image": {"repository": "todo-backend", "tag": "0.0.0-missing"}}"#, "--timeout=5"])
            #expect(install["error"] != nil, "\(install)")
            let pods = try await sandbox.kubectl("get", "pods", "-n", "broken")
            #expect(pods.stdout.contains("ImagePullBackOff") || pods.stdout.contains("ErrImagePull"))
        }
    }
}

import Foundation
import KaiTestSupport
import Testing

@Suite("kai sandbox serve, through the binary")
struct SandboxServeTests {
    @Test func servesAKubeconfigKubectlCanUseAndStopsOnSIGINT() async throws {
        let directory = try KaiProcess.temporaryDirectory()
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let serve = try ChildProcess.Running(KaiProcess.binary, ["sandbox", "serve", "--port", "0", "--kubeconfig-out", kubeconfig])
        // The kubeconfig is written once the port is bound.
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: kubeconfig), Date() < deadline, serve.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        let text = try String(contentsOfFile: kubeconfig, encoding: .utf8)
        #expect(text.contains("current-context: kai-sandbox"))
        #expect(text.contains("namespace: todo-chatbot"))
        let listing = try await ChildProcess.run(program: "kubectl", ["get", "deployments", "-o", "name", "--request-timeout=20s"],
                                                 environment: ["KUBECONFIG": kubeconfig])
        #expect(listing.stdout.contains("deployment.apps/todo-chatbot-backend"))
        serve.interrupt()
        let served = await serve.finish()
        #expect(served.status == 0)
        #expect(served.stdout.contains("http://127.0.0.1:"))
        #expect(served.stdout.contains(kubeconfig))
    }

    @Test func anUnwritableKubeconfigPathIsAUsageErrorAndNothingKeepsServing() async throws {
        let result = try await KaiProcess.run(["sandbox", "serve", "--kubeconfig-out", "/proc/kai-sandbox/kubeconfig"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write the kubeconfig to /proc/kai-sandbox/kubeconfig"))
        #expect(result.stderr.contains("--kubeconfig-out"))
        #expect(!result.stdout.contains("serving"))
    }

    @Test func aPortOutOfRangeIsAUsageError() async throws {
        let result = try await KaiProcess.run(["sandbox", "serve", "--port", "70000"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--port"))
    }
}

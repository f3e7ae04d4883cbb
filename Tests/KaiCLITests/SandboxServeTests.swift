import Foundation
import KaiTestSupport
import Testing

@Suite("kai sandbox serve, through the binary")
struct SandboxServeTests {
    @Test func servesAKubeconfigKubectlCanUseAndStopsOnSIGINT() async throws {
        let directory = try KaiProcess.temporaryDirectory()
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let served = try await ChildProcess.withRunning(KaiProcess.binary, ["sandbox", "serve", "--port", "0", "--kubeconfig-out", kubeconfig]) { serve in
            let text = try await Self.kubeconfigWritten(by: serve, at: kubeconfig)
            #expect(text.contains("current-context: kai-sandbox"))
            #expect(text.contains("namespace: todo-chatbot"))
            let listing = try await ChildProcess.run(program: "kubectl", ["get", "deployments", "-o", "name", "--request-timeout=20s"],
                                                     environment: ["KUBECONFIG": kubeconfig])
            #expect(listing.stdout.contains("deployment.apps/todo-chatbot-backend"))
            serve.interrupt()
            return await serve.finish()
        }
        #expect(served.status == 0)
        #expect(served.stdout.contains("http://127.0.0.1:"))
        #expect(served.stdout.contains(kubeconfig))
    }

    @Test func httpsServesTLSAndOnlyTheKubeconfigsClientCertificateIsTheAdministrator() async throws {
        let directory = try KaiProcess.temporaryDirectory()
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let served = try await ChildProcess.withRunning(KaiProcess.binary, ["sandbox", "serve", "--https", "--kubeconfig-out", kubeconfig]) { serve in
            let text = try await Self.kubeconfigWritten(by: serve, at: kubeconfig)
            #expect(text.contains("server: https://127.0.0.1:"))
            for field in ["certificate-authority-data:", "client-certificate-data:", "client-key-data:"] {
                #expect(text.contains(field))
            }
            let listing = try await ChildProcess.run(program: "kubectl", ["get", "deployments", "-o", "name", "--request-timeout=20s"],
                                                     environment: ["KUBECONFIG": kubeconfig])
            #expect(listing.stdout.contains("deployment.apps/todo-chatbot-backend"), "\(listing.stderr)")
            let server = try #require(text.split(separator: "\n").first { $0.contains("server: ") }?.split(separator: " ").last)
            let stranger = try await ChildProcess.run(program: "kubectl", ["get", "deployments", "--request-timeout=20s",
                                                                           "--server", String(server), "--insecure-skip-tls-verify",
                                                                           "--token", "not-a-client-certificate"],
                                                      environment: ["KUBECONFIG": "/dev/null"])
            #expect(stranger.status != 0)
            #expect(stranger.stderr.contains("error: You must be logged in to the server"), "\(stranger.stderr)")
            serve.interrupt()
            return await serve.finish()
        }
        #expect(served.status == 0)
        #expect(served.stdout.contains("https://127.0.0.1:"))
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

    /// The kubeconfig `serve` writes once its port is bound, waited for up to 30 seconds.
    private static func kubeconfigWritten(by serve: ChildProcess.Running, at path: String) async throws -> String {
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: path), Date() < deadline, serve.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}

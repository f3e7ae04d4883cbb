import Foundation
import Testing

@Suite("kai sandbox serve, through the binary")
struct SandboxServeTests {
    @Test func servesAKubeconfigKubectlCanUseAndStopsOnSIGINT() async throws {
        let directory = try KaiProcess.temporaryDirectory()
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let process = Process()
        process.executableURL = KaiProcess.binary
        process.arguments = ["sandbox", "serve", "--port", "0", "--kubeconfig-out", kubeconfig]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The kubeconfig is written once the port is bound.
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: kubeconfig), Date() < deadline, process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        let text = try String(contentsOfFile: kubeconfig, encoding: .utf8)
        #expect(text.contains("current-context: kai-sandbox"))
        #expect(text.contains("namespace: todo-chatbot"))
        let kubectl = Process()
        kubectl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        kubectl.arguments = ["kubectl", "get", "deployments", "-o", "name", "--request-timeout=20s"]
        kubectl.environment = ProcessInfo.processInfo.environment.merging(["KUBECONFIG": kubeconfig]) { $1 }
        let listing = Pipe()
        kubectl.standardOutput = listing
        try kubectl.run()
        kubectl.waitUntilExit()
        let names = String(decoding: listing.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(names.contains("deployment.apps/todo-chatbot-backend"))
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("http://127.0.0.1:"))
        #expect(printed.contains(kubeconfig))
    }

    @Test func aPortOutOfRangeIsAUsageError() throws {
        let result = try KaiProcess.run(["sandbox", "serve", "--port", "70000"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--port"))
    }
}

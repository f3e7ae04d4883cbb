import Foundation
import KaiSandbox

/// One seeded sandbox served in this test process for the tests that only read (plans): started
/// on first use, settled, and never changed, so each test sees the stack as the seed has it.
enum SharedSandbox {
    static let kubeconfig = Task<String, any Error> {
        let server = try await SandboxServer.seeded()
        let running = try await server.start(port: 0)
        await server.settle()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kai-cli-shared-\(UUID().uuidString).kubeconfig").path
        try SandboxKubeconfig.write(server: running.url, to: path)
        return path
    }
}

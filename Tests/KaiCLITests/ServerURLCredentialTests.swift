import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// A kubeconfig whose server URL carries a user name and password (`http://admin:pw@host`):
/// kai never shows them, neither in `kai doctor` (which warns about them) nor in an error.
@Suite("Credentials in the kubeconfig's server URL, through the binary")
struct ServerURLCredentialTests {
    static let password = "S3rverUrlPw"

    /// The shared sandbox's kubeconfig with `admin:<password>@` put into its server URL.
    func kubeconfigWithCredentials(server: String? = nil) async throws -> String {
        var text = try String(contentsOfFile: try await SharedSandbox.kubeconfig.value, encoding: .utf8)
        if let server {
            text = text.replacingOccurrences(of: #"server: \S+"#, with: "server: \(server)", options: .regularExpression)
        } else {
            text = text.replacingOccurrences(of: "server: https://", with: "server: https://admin:\(Self.password)@")
                .replacingOccurrences(of: "server: http://", with: "server: http://admin:\(Self.password)@")
        }
        let path = try KaiProcess.temporaryDirectory().appendingPathComponent("kubeconfig").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func doctorWarnsAboutCredentialsInTheServerURLAndMasksThem() async throws {
        let kubeconfig = try await kubeconfigWithCredentials()
        let state = try KaiProcess.temporaryDirectory()
        let doctor = try await KaiProcess.run(["doctor", "--kubeconfig", kubeconfig], environment: ["XDG_STATE_HOME": state.path])
        #expect(!doctor.stdout.contains(Self.password) && !doctor.stderr.contains(Self.password), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("kubeconfig: "), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("Its server URL carries credentials."), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("://***@"), "\(doctor.stdout)")
    }

    @Test func anUnreachableClusterIsNamedWithoutItsCredentials() async throws {
        let kubeconfig = try await kubeconfigWithCredentials(server: "http://admin:\(Self.password)@127.0.0.1:9")
        let result = try await KaiProcess.run(["--kubeconfig", kubeconfig, "list pods"])
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr.contains("Cannot reach the cluster at http://***@127.0.0.1:9"), "\(result.stderr)")
        #expect(!result.stderr.contains(Self.password) && !result.stdout.contains(Self.password))
        let doctor = try await KaiProcess.run(["doctor", "--kubeconfig", kubeconfig])
        #expect(!doctor.stdout.contains(Self.password) && !doctor.stderr.contains(Self.password), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("http://***@127.0.0.1:9"), "\(doctor.stdout)")
    }
}

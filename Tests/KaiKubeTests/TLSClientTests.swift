import Foundation
import KaiCore
@testable import KaiKube
import KaiSandbox
import Testing

/// The client's TLS settings against the sandbox served over HTTPS, where the client
/// certificate is the administrator: every kubeconfig way of trusting the server and
/// presenting a certificate.
@Suite("TLS and client certificates")
struct TLSClientTests {
    struct Served {
        let url: URL
        let certificates: SandboxCertificates
    }

    func withHTTPSSandbox<T: Sendable>(_ body: (Served) async throws -> T) async throws -> T {
        let certificates = try SandboxCertificates.generate()
        let server = try await SandboxServer.seeded()
        let running = try await server.start(port: 0, tls: certificates)
        do {
            let result = try await body(Served(url: running.url, certificates: certificates))
            await running.stop()
            return result
        } catch {
            await running.stop()
            throw error
        }
    }

    /// Lists pods with `tls` and `credentials`; the error when it fails.
    func listPods(_ served: Served, server: URL? = nil, tls: TLSSettings, credentials: any CredentialProvider) async throws -> Result<Int, KubeError> {
        let endpoint = ClusterEndpoint(server: server ?? served.url, contextName: "test", clusterName: "test", userName: "admin",
                                       namespace: "todo-chatbot", tls: tls)
        let client = try KubeClient(endpoint: endpoint, credentials: credentials, settings: ClientSettings(requestTimeout: .seconds(10)))
        do {
            let pods = try await client.list(Pod.self, .pods, in: "todo-chatbot")
            await client.shutdown()
            return .success(pods.items.count)
        } catch {
            await client.shutdown()
            guard let error = error as? KubeError else { throw error }
            return .failure(error)
        }
    }

    func settings(_ served: Served, authority: String? = nil, insecure: Bool = false, serverName: String? = nil,
                  clientCertificate: Bool = true) -> TLSSettings {
        TLSSettings(certificateAuthorityPEM: insecure ? nil : Array((authority ?? served.certificates.caCertificatePEM).utf8),
                    insecureSkipVerify: insecure, serverName: serverName,
                    clientCertificatePEM: clientCertificate ? Array(served.certificates.clientCertificatePEM.utf8) : nil,
                    clientKeyPEM: clientCertificate ? Array(served.certificates.clientKeyPEM.utf8) : nil)
    }

    let none = StaticCredentialProvider(Credentials())

    @Test func clientCertificateSignedByTheClusterCAIsAccepted() async throws {
        try await withHTTPSSandbox { served in
            guard case .success = try await listPods(served, tls: settings(served), credentials: none) else {
                Issue.record("the certificate should be accepted")
                return
            }
        }
    }

    @Test func withoutAClientCertificateTheClientIsAnonymousAndForbidden() async throws {
        try await withHTTPSSandbox { served in
            guard case .failure(let error) = try await listPods(served, tls: settings(served, clientCertificate: false), credentials: none) else {
                Issue.record("an anonymous client must not list pods")
                return
            }
            #expect(error.reason == .forbidden)
            #expect(error.problem.contains(#"User "system:anonymous" cannot list resource "pods""#), "\(error.problem)")
        }
    }

    @Test func aServerCertificateFromAnotherCAFailsVerification() async throws {
        try await withHTTPSSandbox { served in
            let stranger = try SandboxCertificates.generate()
            let result = try await listPods(served, tls: settings(served, authority: stranger.caCertificatePEM), credentials: none)
            guard case .failure(let error) = result else { Issue.record("an unknown CA must not be trusted"); return }
            #expect(error.reason == .tls)
            #expect(error.remedy.contains("certificate-authority"))
        }
    }

    @Test func insecureSkipTLSVerifyAcceptsAnyServerCertificate() async throws {
        try await withHTTPSSandbox { served in
            guard case .success = try await listPods(served, tls: settings(served, insecure: true), credentials: none) else {
                Issue.record("insecure-skip-tls-verify should accept the server")
                return
            }
        }
    }

    /// The connection goes to the kubeconfig's address while the certificate is checked for the
    /// given name. (NIOSSL also accepts a certificate whose IP address SAN matches the address
    /// connected to, so a wrong name is only caught when the certificate does not hold that IP.)
    @Test func tlsServerNameConnectsToTheAddressAndVerifiesTheName() async throws {
        try await withHTTPSSandbox { served in
            var components = try #require(URLComponents(url: served.url, resolvingAgainstBaseURL: false))
            components.host = "localhost"
            let byName = try #require(components.url)
            guard case .success = try await listPods(served, server: byName, tls: settings(served, serverName: "localhost"), credentials: none) else {
                Issue.record("the certificate names localhost")
                return
            }
            guard case .success = try await listPods(served, tls: settings(served, serverName: "localhost"), credentials: none) else {
                Issue.record("connecting to 127.0.0.1 while verifying localhost should work")
                return
            }
        }
    }

    @Test func anExecPluginsClientCertificateIsPresented() async throws {
        try await withHTTPSSandbox { served in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kai-exec-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let reply: [String: Any] = [
                "apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
                "status": ["clientCertificateData": served.certificates.clientCertificatePEM, "clientKeyData": served.certificates.clientKeyPEM],
            ]
            let replyFile = folder.appendingPathComponent("reply.json")
            try JSONSerialization.data(withJSONObject: reply).write(to: replyFile)
            let script = folder.appendingPathComponent("plugin.sh")
            try "#!/bin/sh\ncat '\(replyFile.path)'\n".write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            let plugin = ExecCredentialPlugin(config: ExecPluginConfig(apiVersion: "client.authentication.k8s.io/v1", command: script.path))
            guard case .success = try await listPods(served, tls: settings(served, clientCertificate: false), credentials: plugin) else {
                Issue.record("the plugin's certificate should be accepted")
                return
            }
        }
    }
}

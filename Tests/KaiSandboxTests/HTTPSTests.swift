import Foundation
@testable import KaiSandbox
import KaiTestSupport
import Testing
import X509

/// The sandbox over HTTPS with client-certificate authentication, as minikube serves its API:
/// the real kubectl gets in with the generated kubeconfig; a certificate from elsewhere fails
/// the handshake and a token the sandbox never issued is unauthorized.
@Suite("kubectl against the sandbox over HTTPS", .serialized)
struct HTTPSTests {
    @Test func kubectlGetsAndScalesWithTheEmbeddedCertificates() async throws {
        try await SandboxHarness.with(tls: try SandboxCertificates.generate()) { sandbox in
            #expect(sandbox.url.absoluteString.hasPrefix("https://127.0.0.1:"))
            let text = try String(contentsOfFile: sandbox.kubeconfig, encoding: .utf8)
            for field in ["certificate-authority-data:", "client-certificate-data:", "client-key-data:"] {
                #expect(text.contains(field))
            }
            let pods = try await sandbox.kubectl("get", "pods")
            #expect(pods.status == 0, "\(pods.stderr)")
            #expect(pods.stdout.contains("todo-chatbot-backend-"))
            try await expectScaleRollsOut("todo-chatbot-frontend", to: 3) { try await sandbox.kubectl($0) }
        }
    }

    @Test func kubectlReadsCertificateFilesRelativeToTheKubeconfigsFolder() async throws {
        let certificates = try SandboxCertificates.generate()
        try await SandboxHarness.with(tls: certificates) { sandbox in
            let folder = try Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let kubeconfig = folder.appendingPathComponent("config").path
            try SandboxKubeconfig.write(server: sandbox.url, certificates: certificates, storage: .files, to: kubeconfig)
            let text = try String(contentsOfFile: kubeconfig, encoding: .utf8)
            #expect(text.contains("certificate-authority: ca.crt"))
            #expect(text.contains("client-certificate: client.crt"))
            #expect(text.contains("client-key: client.key"))
            #expect(!text.contains("-data:"))
            let key = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("client.key").path)
            #expect((key[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try String(contentsOf: folder.appendingPathComponent("ca.crt"), encoding: .utf8) == certificates.caCertificatePEM)
            // Run from elsewhere: the paths must resolve against the kubeconfig's folder, not the working directory.
            let elsewhere = URL(fileURLWithPath: "/")
            let pods = try await sandbox.kubectl(["get", "pods"], kubeconfig: kubeconfig, directory: elsewhere)
            #expect(pods.status == 0, "\(pods.stderr)")
            #expect(pods.stdout.contains("todo-chatbot-frontend-"))
            try await expectScaleRollsOut("todo-chatbot-frontend", to: 2) {
                try await sandbox.kubectl($0, kubeconfig: kubeconfig, directory: elsewhere)
            }
        }
    }

    @Test func aKubeconfigWithoutTheClientCertificateOrAValidTokenIsUnauthorized() async throws {
        let certificates = try SandboxCertificates.generate()
        try await SandboxHarness.with(tls: certificates) { sandbox in
            // A bearer token the sandbox never issued instead of the certificate: with no credentials
            // at all kubectl would ask for a username instead of connecting.
            let stranger = try Self.kubeconfig(SandboxKubeconfig.text(
                server: sandbox.url, cluster: ["certificate-authority-data": Self.base64(certificates.caCertificatePEM)],
                user: ["token": "not-a-client-certificate"]))
            defer { try? FileManager.default.removeItem(atPath: stranger) }
            let result = try await sandbox.kubectl(["get", "pods"], kubeconfig: stranger)
            #expect(result.status != 0)
            #expect(result.stderr.contains("error: You must be logged in to the server"), "\(result.stderr)")
        }
    }

    @Test func aKubeconfigTrustingAnotherCAFailsToVerifyTheServer() async throws {
        let certificates = try SandboxCertificates.generate()
        let stranger = try SandboxCertificates.generate()
        try await SandboxHarness.with(tls: certificates) { sandbox in
            let misled = try Self.kubeconfig(SandboxKubeconfig.text(server: sandbox.url, certificates: SandboxCertificates(
                caCertificatePEM: stranger.caCertificatePEM,
                serverCertificatePEM: certificates.serverCertificatePEM, serverKeyPEM: certificates.serverKeyPEM,
                clientCertificatePEM: certificates.clientCertificatePEM, clientKeyPEM: certificates.clientKeyPEM)))
            defer { try? FileManager.default.removeItem(atPath: misled) }
            let result = try await sandbox.kubectl(["get", "pods"], kubeconfig: misled)
            #expect(result.status != 0)
            #expect(result.stderr.contains("x509: certificate signed by unknown authority"), "\(result.stderr)")
        }
    }

    @Test func aClientCertificateFromAnotherCAIsRefused() async throws {
        let certificates = try SandboxCertificates.generate()
        let stranger = try SandboxCertificates.generate()
        try await SandboxHarness.with(tls: certificates) { sandbox in
            let impostor = try Self.kubeconfig(SandboxKubeconfig.text(server: sandbox.url, certificates: SandboxCertificates(
                caCertificatePEM: certificates.caCertificatePEM,
                serverCertificatePEM: certificates.serverCertificatePEM, serverKeyPEM: certificates.serverKeyPEM,
                clientCertificatePEM: stranger.clientCertificatePEM, clientKeyPEM: stranger.clientKeyPEM)))
            defer { try? FileManager.default.removeItem(atPath: impostor) }
            let result = try await sandbox.kubectl(["get", "pods"], kubeconfig: impostor)
            #expect(result.status != 0)
            #expect(result.stderr.contains("tls: unknown certificate authority"), "\(result.stderr)")
        }
    }

    @Test func theCertificatesAreTheOnesMinikubeMakes() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let certificates = try SandboxCertificates.generate(now: now)
        let ca = try Certificate(pemEncoded: certificates.caCertificatePEM)
        let server = try Certificate(pemEncoded: certificates.serverCertificatePEM)
        let client = try Certificate(pemEncoded: certificates.clientCertificatePEM)

        #expect(ca.subject.description == "CN=kai-sandbox-ca")
        #expect(ca.issuer == ca.subject)
        #expect(try ca.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil))
        #expect(try ca.extensions.keyUsage?.keyCertSign == true)

        #expect(server.issuer == ca.subject)
        #expect(ca.publicKey.isValidSignature(server.signature, for: server))
        #expect(try server.extensions.basicConstraints == .notCertificateAuthority)
        #expect(try server.extensions.extendedKeyUsage?.contains(.serverAuth) == true)
        let names = try #require(try server.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.contains { if case .ipAddress(let address) = $0 { Array(address.bytes) == [127, 0, 0, 1] } else { false } })

        #expect(client.issuer == ca.subject)
        #expect(ca.publicKey.isValidSignature(client.signature, for: client))
        #expect(client.subject.description == "CN=kai-sandbox-admin,O=system:masters")
        #expect(try client.extensions.extendedKeyUsage?.contains(.clientAuth) == true)

        for certificate in [ca, server, client] {
            #expect(certificate.notValidBefore == now.addingTimeInterval(-60))
            #expect(certificate.notValidAfter == now.addingTimeInterval(365 * 24 * 60 * 60))
        }
    }

    /// Scales `deployment` to `replicas` with `kubectl` and waits for the rollout to finish.
    private func expectScaleRollsOut(_ deployment: String, to replicas: Int,
                                     kubectl: ([String]) async throws -> ChildProcess.Result) async throws {
        let scaled = try await kubectl(["scale", "deploy/\(deployment)", "--replicas=\(replicas)"])
        #expect(scaled.status == 0, "\(scaled.stderr)")
        let status = try await kubectl(["rollout", "status", "deploy/\(deployment)", "--timeout=60s"])
        #expect(status.stdout.contains("successfully rolled out"), "\(status.stderr)")
        let ready = try await kubectl(["get", "deploy", deployment, "-o", "jsonpath={.status.readyReplicas}"])
        #expect(ready.stdout == "\(replicas)")
    }

    private static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kai-https-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` as a kubeconfig of its own and returns its path.
    private static func kubeconfig(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kai-https-\(UUID().uuidString).kubeconfig").path
        try SandboxKubeconfig.write(text, to: path)
        return path
    }

    private static func base64(_ pem: String) -> String { Data(pem.utf8).base64EncodedString() }
}

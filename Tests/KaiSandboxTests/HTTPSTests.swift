import Foundation
@testable import KaiSandbox
import Testing
import X509

/// The sandbox over HTTPS with client-certificate authentication, as minikube serves its API:
/// the real kubectl gets in with the generated kubeconfig and nothing else does.
@Suite("kubectl against the sandbox over HTTPS", .serialized)
struct HTTPSTests {
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
}

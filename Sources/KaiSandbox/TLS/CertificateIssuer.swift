import Crypto
import Foundation
import SwiftASN1
import X509

/// Makes ``SandboxCertificates``: a self-signed CA, then the leaves it signs.
struct CertificateIssuer {
    let notBefore: Date
    let notAfter: Date

    init(now: Date) {
        notBefore = now.addingTimeInterval(-60)
        notAfter = now.addingTimeInterval(365 * 24 * 60 * 60)
    }

    func issueAll() throws -> SandboxCertificates {
        let authority = try Authority(issuer: self)
        let server = try authority.issue(
            subject: try DistinguishedName { CommonName("kai-sandbox") },
            usage: .serverAuth,
            names: SubjectAlternativeNames([.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])), .dnsName("localhost")])
        )
        let client = try authority.issue(
            subject: try DistinguishedName {
                OrganizationName("system:masters")
                CommonName("kai-sandbox-admin")
            },
            usage: .clientAuth,
            names: nil
        )
        return SandboxCertificates(
            caCertificatePEM: try authority.certificate.serializeAsPEM().pemString,
            serverCertificatePEM: server.certificate, serverKeyPEM: server.key,
            clientCertificatePEM: client.certificate, clientKeyPEM: client.key
        )
    }

    /// The CA's key and self-signed certificate.
    struct Authority {
        let issuer: CertificateIssuer
        let key: Certificate.PrivateKey
        let certificate: Certificate
        let keyIdentifier: SubjectKeyIdentifier

        init(issuer: CertificateIssuer) throws {
            let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
            let name = try DistinguishedName { CommonName("kai-sandbox-ca") }
            let keyIdentifier = SubjectKeyIdentifier(hash: key.publicKey)
            self.issuer = issuer
            self.key = key
            self.keyIdentifier = keyIdentifier
            self.certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
                notValidBefore: issuer.notBefore, notValidAfter: issuer.notAfter,
                issuer: name, subject: name,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                    Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                    keyIdentifier
                },
                issuerPrivateKey: key
            )
        }

        /// A leaf for `subject` with a fresh key, signed by this CA; PEM certificate and key.
        func issue(subject: DistinguishedName, usage: ExtendedKeyUsage.Usage,
                   names: SubjectAlternativeNames?) throws -> (certificate: String, key: String) {
            let leafKey = P256.Signing.PrivateKey()
            let publicKey = Certificate.PrivateKey(leafKey).publicKey
            let leaf = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
                notValidBefore: issuer.notBefore, notValidAfter: issuer.notAfter,
                issuer: certificate.subject, subject: subject,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([usage])
                    AuthorityKeyIdentifier(keyIdentifier: keyIdentifier.keyIdentifier)
                    if let names { names }
                },
                issuerPrivateKey: key
            )
            return (try leaf.serializeAsPEM().pemString, leafKey.pemRepresentation)
        }
    }
}

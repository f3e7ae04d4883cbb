import Foundation

/// The sandbox's own certificate authority and the server and client certificates it signed,
/// as PEM: what minikube generates for its cluster, made in process.
///
/// The server certificate is for `127.0.0.1` and `localhost`; the client certificate is
/// `CN=kai-sandbox-admin, O=system:masters`, the cluster-admin identity a kubeconfig carries.
///
/// ```swift
/// let certificates = try SandboxCertificates.generate()
/// let running = try await sandbox.start(port: 0, tls: certificates)   // https://127.0.0.1:PORT
/// ```
public struct SandboxCertificates: Sendable {
    /// The CA ("kai-sandbox-ca") that clients verify the server with and the server verifies
    /// client certificates with.
    public let caCertificatePEM: String
    /// The server's certificate (SANs `127.0.0.1` and `localhost`, serverAuth).
    public let serverCertificatePEM: String
    /// The server certificate's private key (PKCS #8).
    public let serverKeyPEM: String
    /// The client certificate (`CN=kai-sandbox-admin, O=system:masters`, clientAuth).
    public let clientCertificatePEM: String
    /// The client certificate's private key (PKCS #8).
    public let clientKeyPEM: String

    /// A fresh CA with a server and a client certificate signed by it, valid from a minute
    /// before `now` (so a clock a little behind still accepts them) for a year.
    public static func generate(now: Date = Date()) throws(GenerationError) -> SandboxCertificates {
        do {
            return try CertificateIssuer(now: now).issueAll()
        } catch {
            throw GenerationError(reason: String(describing: error))
        }
    }

    /// The certificates could not be made (a failure of the crypto or X.509 libraries).
    public struct GenerationError: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "cannot generate the sandbox's certificates: \(reason)" }
    }
}

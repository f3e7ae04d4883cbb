import HummingbirdCore
import HummingbirdTLS
import NIOSSL

extension SandboxCertificates {
    /// HTTPS that requires a client certificate signed by the sandbox's CA, as the API server
    /// does with `--client-ca-file`; a client without one fails the handshake.
    func serverBuilder() throws -> HTTPServerBuilder {
        var configuration = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(serverCertificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(serverKeyPEM.utf8), format: .pem)),
            trustRoots: .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caCertificatePEM.utf8)))
        )
        configuration.minimumTLSVersion = .tlsv12
        return try .tls(.http1(), tlsConfiguration: configuration)
    }
}

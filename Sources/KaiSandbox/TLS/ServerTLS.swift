import HummingbirdCore
import HummingbirdTLS
import NIOSSL

extension SandboxCertificates {
    /// HTTPS that asks for a client certificate and, when one is presented, requires it to be
    /// signed by the sandbox's CA, as the API server does with `--client-ca-file`; a client
    /// without one gets in and must authenticate otherwise (a bearer token) or stay anonymous.
    func serverBuilder() throws -> HTTPServerBuilder {
        var configuration = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(serverCertificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(serverKeyPEM.utf8), format: .pem)),
            trustRoots: .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caCertificatePEM.utf8)))
        )
        configuration.certificateVerification = .optionalVerification
        configuration.minimumTLSVersion = .tlsv12
        return try .tls(.http1(), tlsConfiguration: configuration)
    }
}

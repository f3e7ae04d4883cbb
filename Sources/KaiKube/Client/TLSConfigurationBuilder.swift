import NIOSSL

/// Builds NIO's TLS configuration from a kubeconfig's TLS settings and a request's credentials.
enum TLSConfigurationBuilder {
    /// The client TLS configuration; a plugin's client certificate replaces the kubeconfig's.
    static func configuration(_ settings: TLSSettings, credentials: Credentials, server: String) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if settings.insecureSkipVerify {
            tls.certificateVerification = .none
        } else if let authority = settings.certificateAuthorityPEM {
            let roots = try load("the certificate authority", server: server) { try NIOSSLCertificate.fromPEMBytes(authority) }
            tls.trustRoots = .certificates(roots)
        }
        let certificate = credentials.clientCertificatePEM ?? settings.clientCertificatePEM
        let key = credentials.clientCertificatePEM == nil ? settings.clientKeyPEM : credentials.clientKeyPEM
        if let certificate {
            guard let key else {
                throw KubeError(.tls, problem: "The kubeconfig gives a client certificate for \(server) but no client key.",
                                remedy: "Add client-key (or client-key-data) next to client-certificate in the kubeconfig's user.")
            }
            let chain = try load("the client certificate", server: server) { try NIOSSLCertificate.fromPEMBytes(certificate) }
            tls.certificateChain = chain.map { .certificate($0) }
            tls.privateKey = .privateKey(try load("the client key", server: server) { try NIOSSLPrivateKey(bytes: key, format: .pem) })
        }
        return tls
    }

    private static func load<T>(_ what: String, server: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw KubeError(.tls, problem: "Cannot read \(what) for \(server) from the kubeconfig: it is not valid PEM (\(error)).",
                            remedy: "Check the kubeconfig's certificate fields (`kubectl config view --raw --minify`).")
        }
    }
}

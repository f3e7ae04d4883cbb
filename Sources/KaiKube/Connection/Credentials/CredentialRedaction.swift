// Tokens and private keys must not reach logs or error messages through string
// interpolation; these descriptions say what kind of secret there is, never its value.

extension CredentialSource: CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of credential, e.g. `token file /var/run/…/token`; a token itself is never shown.
    public var description: String {
        switch self {
        case .none: "no token"
        case .token: "a token (hidden)"
        case let .tokenFile(path): "the token file \(path)"
        case let .exec(config): "the credential plugin \(config.command)"
        }
    }

    /// Same as ``description``.
    public var debugDescription: String { description }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// Which credentials are present, e.g. `bearer token (hidden), client certificate`.
    public var description: String {
        var parts: [String] = []
        if bearerToken != nil { parts.append("bearer token (hidden)") }
        if clientCertificatePEM != nil { parts.append("client certificate") }
        if clientKeyPEM != nil { parts.append("client key (hidden)") }
        return parts.isEmpty ? "no credentials" : parts.joined(separator: ", ")
    }

    /// Same as ``description``.
    public var debugDescription: String { description }
}

extension TLSSettings: CustomStringConvertible, CustomDebugStringConvertible {
    /// How the server is checked and whether a client certificate is shown; the key is never printed.
    public var description: String {
        var parts = [insecureSkipVerify ? "server certificate not checked"
                                        : certificateAuthorityPEM == nil ? "system CA roots" : "kubeconfig CA"]
        if let serverName { parts.append("server name \(serverName)") }
        if clientCertificatePEM != nil { parts.append("client certificate") }
        if clientKeyPEM != nil { parts.append("client key (hidden)") }
        return parts.joined(separator: ", ")
    }

    /// Same as ``description``.
    public var debugDescription: String { description }
}

/// Credentials that never change: a fixed bearer token (`token` in the kubeconfig), or none
/// (a client certificate, or anonymous).
///
/// ```swift
/// let provider = StaticCredentialProvider(Credentials(bearerToken: token))
/// ```
public struct StaticCredentialProvider: CredentialProvider {
    private let fixed: Credentials

    /// A provider that always hands out `credentials`.
    public init(_ credentials: Credentials) {
        self.fixed = credentials
    }

    /// The fixed credentials.
    public func credentials() async throws -> Credentials { fixed }

    /// Nothing to forget: a fixed token that the server refuses stays refused.
    public func invalidate() async {}
}

import Foundation

extension ClusterEndpoint {
    /// The provider that hands out this endpoint's credentials for each request: a fixed token
    /// (or nothing), a token file re-read as it rotates, or a credential plugin run when its
    /// credential has expired. Make one per endpoint and keep it: it holds the cache.
    ///
    /// ```swift
    /// let provider = endpoint.makeCredentialProvider()
    /// let credentials = try await provider.credentials()
    /// ```
    ///
    /// - Parameters:
    ///   - environment: what a credential plugin inherits (kai's own environment by default).
    ///   - pluginTimeout: how long one run of a credential plugin may take before it is stopped
    ///     (kai passes `--request-timeout`).
    public func makeCredentialProvider(environment: [String: String] = ProcessInfo.processInfo.environment,
                                       pluginTimeout: Duration = ClientSettings().requestTimeout) -> any CredentialProvider {
        switch credentials {
        case .none:
            StaticCredentialProvider(Credentials())
        case let .token(token):
            StaticCredentialProvider(Credentials(bearerToken: token))
        case let .tokenFile(path):
            TokenFileCredentialProvider(path: path)
        case let .exec(config):
            ExecCredentialPlugin(config: config, cluster: config.provideClusterInfo ? self : nil, environment: environment, timeout: pluginTimeout)
        }
    }
}

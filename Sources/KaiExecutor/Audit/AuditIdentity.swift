import Foundation
import KaiConfig
import KaiKube

/// Where a change was made and by whom, the same for every record of one run.
public struct AuditContext: Sendable, Hashable {
    public var user: String
    public var localUser: String?
    public var context: String
    /// The API server's URL with any credentials masked (``URL/masked``).
    public var server: String
    /// The fingerprint of the cluster's CA certificate, when the kubeconfig names one.
    public var caFingerprint: String?
    /// The agent that asked for the changes through `kai mcp` (its MCP client name and version), when one did.
    public var agent: String?

    /// The context of changes made through `endpoint`, by the local account in `environment`.
    public init(endpoint: ClusterEndpoint, environment: [String: String] = ProcessInfo.processInfo.environment) {
        user = endpoint.userName
        localUser = environment["USER"] ?? environment["LOGNAME"]
        context = endpoint.contextName
        server = endpoint.server.masked
        caFingerprint = endpoint.tls.caFingerprint
    }
}

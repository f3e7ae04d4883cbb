import Foundation

/// One API server and the identity kai uses on it: what a kubeconfig context (or a pod's
/// service account) comes down to once it is read.
///
/// ```swift
/// let endpoint = try KubeconfigLoader(environment: ProcessInfo.processInfo.environment)
///     .endpoint(KubeconfigSelection(context: "minikube"))
/// ```
public struct ClusterEndpoint: Sendable {
    /// The API server's base URL, e.g. `https://192.168.49.2:8443`.
    public var server: URL
    /// The kubeconfig context this came from, or `in-cluster`.
    public var contextName: String
    /// The kubeconfig cluster entry's name, or `in-cluster`.
    public var clusterName: String
    /// Who kai acts as: the kubeconfig user entry's name, or `system:serviceaccount:NS:NAME` in a pod.
    public var userName: String
    /// The namespace requests act in: `--namespace`, else the context's, else `default`.
    public var namespace: String
    public var tls: TLSSettings
    public var credentials: CredentialSource
    /// The proxy every request goes through (`proxy-url`): `http://`, `https://` or `socks5://`.
    public var proxy: URL?
    /// Where this came from, for `kai doctor`: the kubeconfig files read, the pod's service account, the sandbox.
    public var origin: String

    /// An endpoint for `server` acting as `userName`.
    public init(server: URL, contextName: String, clusterName: String, userName: String, namespace: String,
                tls: TLSSettings = TLSSettings(), credentials: CredentialSource = .none, proxy: URL? = nil, origin: String = "") {
        self.server = server
        self.contextName = contextName
        self.clusterName = clusterName
        self.userName = userName
        self.namespace = namespace
        self.tls = tls
        self.credentials = credentials
        self.proxy = proxy
        self.origin = origin
    }
}

/// How the server's certificate is checked and which client certificate is shown, PEM bytes
/// already read from files or decoded from `-data` fields.
public struct TLSSettings: Sendable, Hashable {
    /// The CA bundle that signs the server's certificate; nil means the system's roots.
    public var certificateAuthorityPEM: [UInt8]?
    /// `insecure-skip-tls-verify`: accept any server certificate.
    public var insecureSkipVerify: Bool
    /// `tls-server-name`: the name the server's certificate is checked against instead of the URL's host.
    public var serverName: String?
    /// A client certificate (chain) in PEM, with ``clientKeyPEM``.
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?

    /// Settings that check the server against the system's roots and show no client certificate.
    public init(certificateAuthorityPEM: [UInt8]? = nil, insecureSkipVerify: Bool = false, serverName: String? = nil,
                clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }
}

/// Where a request's credentials come from, beyond a static client certificate in ``TLSSettings``.
public enum CredentialSource: Sendable {
    /// No bearer token (a client certificate, or anonymous).
    case none
    /// A fixed bearer token (`token`).
    case token(String)
    /// A bearer token read from a file and re-read as it rotates (`tokenFile`, a service account).
    case tokenFile(path: String)
    /// A client-go credential plugin (`exec`), run when its cached credential has expired.
    case exec(ExecPluginConfig)
}

/// The `exec` section of a kubeconfig user: a command that prints an `ExecCredential`.
public struct ExecPluginConfig: Sendable, Hashable {
    /// `client.authentication.k8s.io/v1` or `/v1beta1`.
    public var apiVersion: String
    /// The program, resolved against the kubeconfig's folder when it is a relative path with a slash.
    public var command: String
    public var arguments: [String]
    /// Extra environment variables, on top of kai's own environment.
    public var environment: [String: String]
    /// `installHint`: shown when the command cannot be found.
    public var installHint: String?
    /// `provideClusterInfo`: pass the cluster in `KUBERNETES_EXEC_INFO`.
    public var provideClusterInfo: Bool
    /// `interactiveMode`: Never, IfAvailable or Always.
    public var interactiveMode: String?

    /// A plugin running `command arguments…` with `environment` added.
    public init(apiVersion: String, command: String, arguments: [String] = [], environment: [String: String] = [:],
                installHint: String? = nil, provideClusterInfo: Bool = false, interactiveMode: String? = nil) {
        self.apiVersion = apiVersion
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }
}

/// What one request presents: a bearer token and/or a client certificate from a plugin.
public struct Credentials: Sendable, Hashable {
    public var bearerToken: String?
    /// A client certificate a plugin returned; it replaces ``TLSSettings/clientCertificatePEM``.
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?

    /// Credentials holding `bearerToken` and/or a client certificate.
    public init(bearerToken: String? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil) {
        self.bearerToken = bearerToken
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }
}

/// Hands out the credentials for the next request, caching what is costly to get.
public protocol CredentialProvider: Sendable {
    /// The credentials to send now; runs a plugin or re-reads a file only when needed.
    func credentials() async throws -> Credentials
    /// Forgets cached credentials after the server answered 401, so the next call fetches new ones.
    func invalidate() async
}

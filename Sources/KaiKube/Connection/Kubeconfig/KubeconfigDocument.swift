/// One kubeconfig file as written (`kind: Config`, `apiVersion: v1`): the lists of named
/// clusters, users and contexts, and the current context. Fields kai does not use
/// (preferences, extensions) are skipped.
struct KubeconfigDocument: Decodable, Sendable {
    var clusters: [NamedCluster]?
    var users: [NamedUser]?
    var contexts: [NamedContext]?
    var currentContext: String?

    /// The document of an empty file.
    static let empty = KubeconfigDocument()

    private enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }

    /// Whether the file says nothing at all, as a freshly created one does.
    var isEmpty: Bool {
        (clusters ?? []).isEmpty && (users ?? []).isEmpty && (contexts ?? []).isEmpty && (currentContext ?? "").isEmpty
    }

    struct NamedCluster: Decodable, Sendable {
        var name: String
        var cluster: Cluster?
    }

    struct NamedUser: Decodable, Sendable {
        var name: String
        var user: User?
    }

    struct NamedContext: Decodable, Sendable {
        var name: String
        var context: Context?
    }

    /// A `clusters[].cluster` entry.
    struct Cluster: Decodable, Sendable {
        var server: String?
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?
        var tlsServerName: String?
        var proxyURL: String?

        private enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }
    }

    /// A `users[].user` entry.
    struct User: Decodable, Sendable {
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var token: String?
        var tokenFile: String?
        var exec: Exec?
        var authProvider: AuthProvider?
        var username: String?

        private enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case token, tokenFile, exec, username
            case authProvider = "auth-provider"
        }
    }

    /// A user's `exec` section: a client-go credential plugin.
    struct Exec: Decodable, Sendable {
        var apiVersion: String?
        var command: String?
        var args: [String]?
        var env: [Variable]?
        var installHint: String?
        var provideClusterInfo: Bool?
        var interactiveMode: String?

        struct Variable: Decodable, Sendable {
            var name: String
            var value: String?
        }
    }

    /// A user's legacy `auth-provider` section, which kai recognises only to say it is not supported.
    struct AuthProvider: Decodable, Sendable {
        var name: String?
    }

    /// A `contexts[].context` entry.
    struct Context: Decodable, Sendable {
        var cluster: String?
        var user: String?
        var namespace: String?
    }
}

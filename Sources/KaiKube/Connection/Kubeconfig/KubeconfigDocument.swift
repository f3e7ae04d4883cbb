/// One kubeconfig file as written (`kind: Config`, `apiVersion: v1`): the lists of named
/// clusters, users and contexts, and the current context, read by ``KubeconfigNodes`` (whose
/// field names are the file's: `current-context`, `certificate-authority-data`, …). Fields kai
/// does not use (preferences, extensions) are skipped.
struct KubeconfigDocument: Sendable {
    var clusters: [NamedCluster]?
    var users: [NamedUser]?
    var contexts: [NamedContext]?
    var currentContext: String?

    /// The document of an empty file.
    static let empty = KubeconfigDocument()

    /// Whether the file says nothing at all, as a freshly created one does.
    var isEmpty: Bool {
        (clusters ?? []).isEmpty && (users ?? []).isEmpty && (contexts ?? []).isEmpty && (currentContext ?? "").isEmpty
    }

    struct NamedCluster: Sendable {
        var name: String
        var cluster: Cluster?
    }

    struct NamedUser: Sendable {
        var name: String
        var user: User?
    }

    struct NamedContext: Sendable {
        var name: String
        var context: Context?
    }

    /// A `clusters[].cluster` entry.
    struct Cluster: Sendable {
        var server: String?
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?
        var tlsServerName: String?
        var proxyURL: String?
    }

    /// A `users[].user` entry.
    struct User: Sendable {
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var token: String?
        var tokenFile: String?
        var exec: Exec?
        var authProvider: AuthProvider?
        var username: String?
    }

    /// A user's `exec` section: a client-go credential plugin.
    struct Exec: Sendable {
        var apiVersion: String?
        var command: String?
        var args: [String]?
        var env: [Variable]?
        var installHint: String?
        var provideClusterInfo: Bool?
        var interactiveMode: String?

        struct Variable: Sendable {
            var name: String
            var value: String?
        }
    }

    /// A user's legacy `auth-provider` section, which kai recognises only to say it is not supported.
    struct AuthProvider: Sendable {
        var name: String?
    }

    /// A `contexts[].context` entry.
    struct Context: Sendable {
        var cluster: String?
        var user: String?
        var namespace: String?
    }
}

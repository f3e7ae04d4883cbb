import Yams

/// Reads a kubeconfig's composed YAML nodes into a ``KubeconfigDocument`` field by field.
///
/// Read by hand rather than through `Decodable`: every start of kai reads the kubeconfig, and the
/// generic decoder's type lookups cost a one-shot command more than the rest of its planning. The
/// document is composed with Yams' basic resolver (no regular expressions compiled), so a scalar
/// is read by its text here as YAML 1.1 and kubectl read it: `~`, `null` or nothing is absent;
/// `true`/`false` (and `yes`/`no`/`on`/`off`) are Booleans. Keys kai does not use are skipped.
struct KubeconfigNodes {
    /// What is wrong and where, e.g. "users[0].user.exec.args should be a list".
    struct Fault: Error {
        let description: String
    }

    /// The document `root` holds.
    static func document(_ root: Node) throws(Fault) -> KubeconfigDocument {
        let top = try mapping(root, at: "")
        var document = KubeconfigDocument()
        document.clusters = try list(top, "clusters", at: "") { node, path throws(Fault) in
            let entry = try mapping(node, at: path)
            return KubeconfigDocument.NamedCluster(name: try name(entry, at: path), cluster: try optionalMapping(entry, "cluster", at: path, cluster))
        }
        document.users = try list(top, "users", at: "") { node, path throws(Fault) in
            let entry = try mapping(node, at: path)
            return KubeconfigDocument.NamedUser(name: try name(entry, at: path), user: try optionalMapping(entry, "user", at: path, user))
        }
        document.contexts = try list(top, "contexts", at: "") { node, path throws(Fault) in
            let entry = try mapping(node, at: path)
            return KubeconfigDocument.NamedContext(name: try name(entry, at: path), context: try optionalMapping(entry, "context", at: path, context))
        }
        document.currentContext = try text(top, "current-context", at: "")
        return document
    }

    private static func cluster(_ fields: Node.Mapping, at path: String) throws(Fault) -> KubeconfigDocument.Cluster {
        KubeconfigDocument.Cluster(server: try text(fields, "server", at: path),
                                   certificateAuthority: try text(fields, "certificate-authority", at: path),
                                   certificateAuthorityData: try text(fields, "certificate-authority-data", at: path),
                                   insecureSkipTLSVerify: try bool(fields, "insecure-skip-tls-verify", at: path),
                                   tlsServerName: try text(fields, "tls-server-name", at: path),
                                   proxyURL: try text(fields, "proxy-url", at: path))
    }

    private static func user(_ fields: Node.Mapping, at path: String) throws(Fault) -> KubeconfigDocument.User {
        KubeconfigDocument.User(clientCertificate: try text(fields, "client-certificate", at: path),
                                clientCertificateData: try text(fields, "client-certificate-data", at: path),
                                clientKey: try text(fields, "client-key", at: path),
                                clientKeyData: try text(fields, "client-key-data", at: path),
                                token: try text(fields, "token", at: path),
                                tokenFile: try text(fields, "tokenFile", at: path),
                                exec: try optionalMapping(fields, "exec", at: path, exec),
                                authProvider: try optionalMapping(fields, "auth-provider", at: path) { fields, path throws(Fault) in
                                    KubeconfigDocument.AuthProvider(name: try text(fields, "name", at: path))
                                },
                                username: try text(fields, "username", at: path))
    }

    private static func exec(_ fields: Node.Mapping, at path: String) throws(Fault) -> KubeconfigDocument.Exec {
        KubeconfigDocument.Exec(apiVersion: try text(fields, "apiVersion", at: path),
                                command: try text(fields, "command", at: path),
                                args: try list(fields, "args", at: path) { node, path throws(Fault) in try scalarText(node, at: path) },
                                env: try list(fields, "env", at: path) { node, path throws(Fault) in
                                    let variable = try mapping(node, at: path)
                                    return KubeconfigDocument.Exec.Variable(name: try name(variable, at: path), value: try text(variable, "value", at: path))
                                },
                                installHint: try text(fields, "installHint", at: path),
                                provideClusterInfo: try bool(fields, "provideClusterInfo", at: path),
                                interactiveMode: try text(fields, "interactiveMode", at: path))
    }

    private static func context(_ fields: Node.Mapping, at path: String) throws(Fault) -> KubeconfigDocument.Context {
        KubeconfigDocument.Context(cluster: try text(fields, "cluster", at: path), user: try text(fields, "user", at: path),
                                   namespace: try text(fields, "namespace", at: path))
    }

    // MARK: Shapes

    /// `key` under `path`: "users[0].user", or the key alone at the top.
    private static func field(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`, nil when it is missing or null.
    private static func value(_ fields: Node.Mapping, _ key: String) -> Node? {
        guard let node = fields[key], !isNull(node) else { return nil }
        return node
    }

    /// Whether `node` is YAML's null: `~`, `null` or nothing, unquoted.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func mapping(_ node: Node, at path: String) throws(Fault) -> Node.Mapping {
        guard case .mapping(let mapping) = node else { throw Fault(description: "\(path.isEmpty ? "the whole file" : path) should be a mapping") }
        return mapping
    }

    private static func optionalMapping<T>(_ fields: Node.Mapping, _ key: String, at path: String,
                                           _ read: (Node.Mapping, String) throws(Fault) -> T) throws(Fault) -> T? {
        guard let node = value(fields, key) else { return nil }
        let path = field(path, key)
        return try read(try mapping(node, at: path), path)
    }

    private static func list<T>(_ fields: Node.Mapping, _ key: String, at path: String,
                                _ read: (Node, String) throws(Fault) -> T) throws(Fault) -> [T]? {
        guard let node = value(fields, key) else { return nil }
        let path = field(path, key)
        guard case .sequence(let sequence) = node else { throw Fault(description: "\(path) should be a list") }
        var items: [T] = []
        for (index, item) in sequence.enumerated() {
            items.append(try read(item, "\(path)[\(index)]"))
        }
        return items
    }

    private static func scalarText(_ node: Node, at path: String) throws(Fault) -> String {
        guard case .scalar(let scalar) = node else { throw Fault(description: "\(path) should be a string") }
        return scalar.string
    }

    private static func text(_ fields: Node.Mapping, _ key: String, at path: String) throws(Fault) -> String? {
        guard let node = value(fields, key) else { return nil }
        return try scalarText(node, at: field(path, key))
    }

    private static func name(_ fields: Node.Mapping, at path: String) throws(Fault) -> String {
        guard let name = try text(fields, "name", at: path) else { throw Fault(description: "\(field(path, "name")) is missing") }
        return name
    }

    private static func bool(_ fields: Node.Mapping, _ key: String, at path: String) throws(Fault) -> Bool? {
        guard let node = value(fields, key) else { return nil }
        let booleans = ["true": true, "yes": true, "on": true, "false": false, "no": false, "off": false]
        guard case .scalar(let scalar) = node, let value = booleans[scalar.string.lowercased()] else {
            throw Fault(description: "\(field(path, key)) should be true or false")
        }
        return value
    }
}

import Foundation
import KaiConfig

/// Turns merged kubeconfig files and the command line's choices into one ``ClusterEndpoint``:
/// picks the context, finds its cluster and user, reads the files they name.
struct EndpointBuilder: Sendable {
    private typealias SourcedCluster = MergedKubeconfig.Sourced<KubeconfigDocument.Cluster>
    private typealias SourcedUser = MergedKubeconfig.Sourced<KubeconfigDocument.User>
    private typealias SourcedContext = MergedKubeconfig.Sourced<KubeconfigDocument.Context>

    let config: MergedKubeconfig
    /// What `~` at the start of a path stands for.
    let home: String?

    func endpoint(_ selection: KubeconfigSelection) throws(KubeconfigError) -> ClusterEndpoint {
        let (contextName, context) = try chooseContext(selection.context)
        let clusterName = context.entry.cluster ?? ""
        guard !clusterName.isEmpty else {
            throw .invalid("the context \"\(contextName)\" names no cluster", in: context.file.path)
        }
        guard let cluster = config.clusters[clusterName] else {
            throw KubeconfigError(
                .unknownCluster,
                problem: "The context \"\(contextName)\" uses the cluster \"\(clusterName)\", which is not defined in \(config.paths).",
                remedy: "Add the cluster or fix the context; check with `kubectl config view`.")
        }
        let userName = context.entry.user ?? ""
        let user = try findUser(userName, for: contextName)
        var tls = try clusterTLS(clusterName, cluster)
        var credentials = CredentialSource.none
        if let user {
            let clientCertificate = try clientCertificate(userName, user)
            tls.clientCertificatePEM = clientCertificate?.certificate
            tls.clientKeyPEM = clientCertificate?.key
            credentials = try self.credentials(userName, user, hasClientCertificate: clientCertificate != nil)
        }
        let namespace = [selection.namespace, context.entry.namespace].compactMap { $0 }.first { !$0.isEmpty }
        return ClusterEndpoint(
            server: try server(clusterName, cluster), contextName: contextName, clusterName: clusterName,
            userName: userName, namespace: namespace ?? "default", tls: tls, credentials: credentials,
            proxy: try proxy(clusterName, cluster), origin: config.paths)
    }

    // MARK: - Context, cluster and user

    private func chooseContext(_ requested: String?) throws(KubeconfigError) -> (String, SourcedContext) {
        let available = config.contexts.keys.sorted()
        let choices = available.isEmpty
            ? "Create one with `kubectl config set-context NAME --cluster=CLUSTER --user=USER`."
            : "Pass --context with one of: \(available.joined(separator: ", "))."
        guard let name = [requested, config.currentContext].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw KubeconfigError(.unknownContext, problem: "No context is selected: \(config.paths) set no current-context.",
                                  remedy: available.isEmpty ? choices : "\(choices.dropLast()), or run `kubectl config use-context NAME`.")
        }
        guard let context = config.contexts[name] else {
            let defined = available.isEmpty ? "which defines no contexts" : "which defines \(available.joined(separator: ", "))"
            throw KubeconfigError(.unknownContext, problem: "The context \"\(name)\" is not in \(config.paths), \(defined).",
                                  remedy: choices)
        }
        return (name, context)
    }

    /// The context's user; a context without one connects anonymously, as in kubectl.
    private func findUser(_ name: String, for context: String) throws(KubeconfigError) -> SourcedUser? {
        guard !name.isEmpty else { return nil }
        guard let user = config.users[name] else {
            throw KubeconfigError(
                .unknownUser,
                problem: "The context \"\(context)\" uses the user \"\(name)\", which is not defined in \(config.paths).",
                remedy: "Add the user or fix the context; check with `kubectl config view`.")
        }
        return user
    }

    // MARK: - Cluster fields

    private func server(_ name: String, _ cluster: SourcedCluster) throws(KubeconfigError) -> URL {
        guard let text = cluster.entry.server?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw .invalid("the cluster \"\(name)\" has no server", in: cluster.file.path,
                           remedy: "Set its server, e.g. `kubectl config set-cluster \(name) --server=https://HOST:6443`.")
        }
        // client-go reads a bare host:port as https.
        let withScheme = text.contains("://") ? text : "https://" + text
        guard let url = URL(string: withScheme), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, !host.isEmpty else {
            throw .invalid("the server \"\(text)\" of the cluster \"\(name)\" is not an http or https URL", in: cluster.file.path)
        }
        return url
    }

    private func proxy(_ name: String, _ cluster: SourcedCluster) throws(KubeconfigError) -> URL? {
        guard let text = cluster.entry.proxyURL, !text.isEmpty else { return nil }
        guard let url = URL(string: text), ["http", "https", "socks5"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false else {
            throw .invalid("the proxy-url \"\(text.maskedAsURL)\" of the cluster \"\(name)\" is not an http, https or socks5 URL",
                           in: cluster.file.path)
        }
        return url
    }

    private func clusterTLS(_ name: String, _ cluster: SourcedCluster) throws(KubeconfigError) -> TLSSettings {
        let entry = cluster.entry
        let authority = try pem(data: entry.certificateAuthorityData, file: entry.certificateAuthority,
                                field: "certificate-authority", owner: "cluster \"\(name)\"", in: cluster.file)
        let insecure = entry.insecureSkipTLSVerify ?? false
        if insecure, authority != nil {
            // client-go refuses this pair rather than silently ignoring one of them.
            throw .invalid("the cluster \"\(name)\" sets both insecure-skip-tls-verify and a certificate authority",
                           in: cluster.file.path, remedy: "Remove one of them; kubectl refuses the pair too.")
        }
        let serverName = entry.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        return TLSSettings(certificateAuthorityPEM: authority, insecureSkipVerify: insecure, serverName: serverName)
    }

    // MARK: - User fields

    private func clientCertificate(
        _ name: String, _ user: SourcedUser
    ) throws(KubeconfigError) -> (certificate: [UInt8], key: [UInt8])? {
        let entry = user.entry
        let owner = "user \"\(name)\""
        let certificate = try pem(data: entry.clientCertificateData, file: entry.clientCertificate,
                                  field: "client-certificate", owner: owner, in: user.file)
        let key = try pem(data: entry.clientKeyData, file: entry.clientKey, field: "client-key", owner: owner, in: user.file)
        switch (certificate, key) {
        case let (certificate?, key?):
            return (certificate, key)
        case (nil, nil):
            return nil
        case (_?, nil):
            throw .invalid("the user \"\(name)\" has a client certificate but no client-key or client-key-data", in: user.file.path)
        case (nil, _?):
            throw .invalid("the user \"\(name)\" has a client key but no client-certificate or client-certificate-data",
                           in: user.file.path)
        }
    }

    /// How requests authenticate beyond a client certificate. As in client-go, a token wins over
    /// a token file, and a plugin runs only when neither a token nor a client certificate is set.
    private func credentials(
        _ name: String, _ user: SourcedUser, hasClientCertificate: Bool
    ) throws(KubeconfigError) -> CredentialSource {
        let entry = user.entry
        if let token = entry.token, !token.isEmpty { return .token(token) }
        if let tokenFile = entry.tokenFile, !tokenFile.isEmpty {
            return .tokenFile(path: resolve(tokenFile, in: user.file))
        }
        if let exec = entry.exec {
            return hasClientCertificate ? .none : .exec(try ExecSection(user: name, exec: exec, file: user.file, home: home).config())
        }
        if !hasClientCertificate, entry.authProvider != nil || entry.username != nil {
            let kind = entry.authProvider != nil ? "an auth-provider" : "a username and password"
            throw .invalid("the user \"\(name)\" authenticates with \(kind), which kai does not support", in: user.file.path,
                           remedy: "Use a token, a client certificate or an exec credential plugin (most providers ship one).")
        }
        return .none
    }

    // MARK: - Files and data

    /// PEM bytes from a `-data` field (base64, which wins) or else from the file it names.
    private func pem(data: String?, file path: String?, field: String, owner: String,
                     in file: KubeconfigFile) throws(KubeconfigError) -> [UInt8]? {
        if let data, !data.isEmpty {
            let compact = data.filter { !$0.isWhitespace }
            guard let bytes = Data(base64Encoded: compact) else {
                throw .invalid("\(field)-data of the \(owner) is not valid base64", in: file.path,
                               remedy: "Encode the PEM file with `base64 -w0`, or use \(field) with the file's path instead.")
            }
            return [UInt8](bytes)
        }
        guard let path, !path.isEmpty else { return nil }
        let resolved = resolve(path, in: file)
        do {
            return try LocalFile.contents(of: resolved)
        } catch {
            throw KubeconfigError(
                error.isMissing ? .missingFile : .unreadableFile,
                problem: "Cannot read the \(field) file \(resolved) of the \(owner) in \(file.path): \(error.reason).",
                remedy: "Fix the path (relative paths are relative to the kubeconfig's folder) or make the file readable.")
        }
    }

    private func resolve(_ path: String, in file: KubeconfigFile) -> String {
        LocalFile.resolve(path, against: file.directory, home: home)
    }
}

import Foundation

/// The connection of a process running in a pod, as client-go's `InClusterConfig` builds it:
/// the API server from `KUBERNETES_SERVICE_HOST`/`_PORT`, the pod's service account token
/// (re-read as the kubelet rotates it), CA and namespace from the mounted secret folder.
struct InClusterConfig: Sendable {
    let host: String
    let port: String
    /// The service account folder, `/var/run/secrets/kubernetes.io/serviceaccount` in a pod.
    let directory: String
    /// `POD_NAMESPACE`, which client-go prefers to the mounted namespace file.
    let podNamespace: String?

    /// The in-cluster configuration when both service variables are set, as the kubelet sets them in every pod.
    init?(environment: [String: String], directory: String) {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else { return nil }
        self.host = host
        self.port = port
        self.directory = directory
        self.podNamespace = environment["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func endpoint(namespace requested: String?) throws(KubeconfigError) -> ClusterEndpoint {
        // An IPv6 address needs brackets in a URL, as Go's net.JoinHostPort adds them.
        let authority = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"
        guard let server = URL(string: "https://\(authority)"), server.host != nil else {
            throw KubeconfigError(.invalidValue,
                                  problem: "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT (\(authority)) do not form a URL.",
                                  remedy: "Unset them, or pass --kubeconfig to use a kubeconfig instead.")
        }
        let tokenPath = path("token")
        let token: [UInt8]
        do {
            token = try LocalFile.contents(of: tokenPath)
        } catch {
            throw KubeconfigError(
                error.isMissing ? .noConfiguration : .unreadableFile,
                problem: "kai runs in a pod but cannot read its service account token \(tokenPath): \(error.reason).",
                remedy: "Mount a service account token (automountServiceAccountToken: true), or pass --kubeconfig.")
        }
        let namespace = [requested, podNamespace, fileNamespace()].compactMap { $0 }.first { !$0.isEmpty } ?? "default"
        return ClusterEndpoint(
            server: server, contextName: "in-cluster", clusterName: "in-cluster",
            userName: Self.subject(ofToken: String(decoding: token, as: UTF8.self)) ?? "serviceaccount",
            namespace: namespace, tls: TLSSettings(certificateAuthorityPEM: try certificateAuthority()),
            credentials: .tokenFile(path: tokenPath), origin: "the pod's service account (\(tokenPath))")
    }

    /// The mounted CA bundle; client-go goes on without one when it is missing, and so does kai.
    private func certificateAuthority() throws(KubeconfigError) -> [UInt8]? {
        do {
            return try LocalFile.contents(of: path("ca.crt"))
        } catch {
            guard error.isMissing else { throw .unreadable(path("ca.crt"), what: "the service account CA", reason: error.reason) }
            return nil
        }
    }

    private func fileNamespace() -> String? {
        guard let bytes = try? LocalFile.contents(of: path("namespace")) else { return nil }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func path(_ name: String) -> String {
        URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(name).path
    }

    /// The `sub` claim of a service account JWT (`system:serviceaccount:NS:NAME`), read without
    /// checking the signature: it only names who kai acts as in messages.
    static func subject(ofToken token: String) -> String? {
        let parts = token.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var payload = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
        guard let data = Data(base64Encoded: payload),
              let claims = try? JSONDecoder().decode(Claims.self, from: data),
              claims.sub.hasPrefix("system:serviceaccount:") else { return nil }
        return claims.sub
    }

    private struct Claims: Decodable {
        let sub: String
    }
}

import Foundation

extension SandboxKubeconfig {
    /// Where an HTTPS sandbox's kubeconfig keeps the CA and the client certificate and key.
    public enum CertificateStorage: Sendable {
        /// In the kubeconfig, base64 PEM in `certificate-authority-data`,
        /// `client-certificate-data` and `client-key-data`: one self-contained file.
        case embedded
        /// In `ca.crt`, `client.crt` and `client.key` (each 0600) beside the kubeconfig, which
        /// names them relative to its own folder, as minikube's kubeconfigs name theirs.
        case files
    }

    /// The files ``CertificateStorage/files`` writes, named as the kubeconfig names them.
    static let certificateFiles = (ca: "ca.crt", clientCertificate: "client.crt", clientKey: "client.key")

    /// A kubeconfig for the HTTPS sandbox at `server` that trusts `certificates`' CA and
    /// authenticates with its client certificate, all embedded.
    public static func text(server: URL, certificates: SandboxCertificates) -> String {
        text(server: server,
             cluster: ["certificate-authority-data": base64(certificates.caCertificatePEM)],
             user: ["client-certificate-data": base64(certificates.clientCertificatePEM),
                    "client-key-data": base64(certificates.clientKeyPEM)])
    }

    /// Writes the kubeconfig for the HTTPS sandbox at `server` to `path` (mode 0600), with the
    /// certificates embedded or, for `.files`, in files beside it.
    ///
    /// ```swift
    /// try SandboxKubeconfig.write(server: running.url, certificates: certificates, storage: .files,
    ///                             to: "/tmp/kai/kubeconfig")   // and /tmp/kai/ca.crt, client.crt, client.key
    /// ```
    public static func write(server: URL, certificates: SandboxCertificates, storage: CertificateStorage = .embedded,
                             to path: String) throws(WriteError) {
        switch storage {
        case .embedded:
            try write(text(server: server, certificates: certificates), to: path)
        case .files:
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            let files = certificateFiles
            try writeFile(certificates.caCertificatePEM, named: files.ca, in: folder, kubeconfig: path)
            try writeFile(certificates.clientCertificatePEM, named: files.clientCertificate, in: folder, kubeconfig: path)
            try writeFile(certificates.clientKeyPEM, named: files.clientKey, in: folder, kubeconfig: path)
            try write(text(server: server,
                           cluster: ["certificate-authority": files.ca],
                           user: ["client-certificate": files.clientCertificate, "client-key": files.clientKey]),
                      to: path)
        }
    }

    private static func writeFile(_ pem: String, named name: String, in folder: URL, kubeconfig: String) throws(WriteError) {
        do {
            try PrivateFile.write(Data(pem.utf8), to: folder.appendingPathComponent(name))
        } catch {
            throw WriteError(path: kubeconfig, reason: "\(name): \(error.localizedDescription)")
        }
    }

    private static func base64(_ pem: String) -> String { Data(pem.utf8).base64EncodedString() }
}

extension SandboxKubeconfig {
    /// A kubeconfig for the HTTPS sandbox at `server` that trusts `certificates`' CA and
    /// authenticates with a bearer `token` (from `kubectl create token`) instead of the client
    /// certificate; its user is named `user`, as kai names who was refused.
    ///
    /// ```swift
    /// SandboxKubeconfig.text(server: url, certificates: certificates, token: token,
    ///                        user: "system:serviceaccount:todo-chatbot:kai")
    /// ```
    public static func text(server: URL, certificates: SandboxCertificates, token: String, user: String) -> String {
        text(server: server, cluster: ["certificate-authority-data": base64(certificates.caCertificatePEM)],
             user: ["token": token], userName: user)
    }
}

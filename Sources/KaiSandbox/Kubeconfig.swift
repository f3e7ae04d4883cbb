import Foundation

/// The kubeconfig that points kubectl, Helm and kai at a running sandbox.
public enum SandboxKubeconfig {
    /// The context name the file defines and selects.
    public static let context = "kai-sandbox"

    /// A kubeconfig for the sandbox at `server`, namespace `todo-chatbot`.
    public static func text(server: URL) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kai-sandbox
          cluster:
            server: \(server.absoluteString)
        users:
        - name: kai-sandbox
          user: {}
        contexts:
        - name: \(context)
          context:
            cluster: kai-sandbox
            user: kai-sandbox
            namespace: \(TodoStackSeed.namespace)
        current-context: \(context)

        """
    }

    /// Writes the kubeconfig to `path` (mode 0600, as kubectl writes its own).
    public static func write(server: URL, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text(server: server).utf8).write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw WriteError(path: path, reason: error.localizedDescription)
        }
    }

    /// The kubeconfig could not be written where it was asked for.
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write the kubeconfig to \(path): \(reason)" }
    }
}

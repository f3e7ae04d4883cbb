import Foundation

/// The kubeconfig that points kubectl, Helm and kai at a running sandbox.
public enum SandboxKubeconfig {
    /// The context name the file defines and selects.
    public static let context = "kai-sandbox"

    /// A kubeconfig for the sandbox at `server`, namespace `todo-chatbot`.
    public static func text(server: URL) -> String {
        text(server: server, cluster: [:], user: [:])
    }

    /// Writes the kubeconfig to `path` (mode 0600, as kubectl writes its own).
    public static func write(server: URL, to path: String) throws(WriteError) {
        try write(text(server: server), to: path)
    }

    /// The kubeconfig with `cluster` and `user` fields added to the cluster's and the user's
    /// entries (a user with none is written `{}`, as kubectl writes it).
    static func text(server: URL, cluster: KeyValuePairs<String, String>, user: KeyValuePairs<String, String>,
                     userName: String = "kai-sandbox") -> String {
        let clusterFields = cluster.map { "\n    \($0.key): \($0.value)" }.joined()
        let userFields = user.isEmpty ? " {}" : user.map { "\n    \($0.key): \($0.value)" }.joined()
        return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kai-sandbox
          cluster:
            server: \(server.absoluteString)\(clusterFields)
        users:
        - name: \(userName)
          user:\(userFields)
        contexts:
        - name: \(context)
          context:
            cluster: kai-sandbox
            user: \(userName)
            namespace: \(TodoStackSeed.namespace)
        current-context: \(context)

        """
    }

    /// Writes a kubeconfig's `text` to `path`, private to its owner from the first byte.
    static func write(_ text: String, to path: String) throws(WriteError) {
        do {
            try PrivateFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
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

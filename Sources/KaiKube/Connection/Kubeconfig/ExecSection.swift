/// A user's `exec` section checked and turned into an ``ExecPluginConfig``, with a command
/// that names a path resolved against the folder of the file that defined the user.
struct ExecSection: Sendable {
    /// The plugin API versions kai speaks; client-go dropped `v1alpha1` in Kubernetes 1.24.
    static let apiVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]
    static let interactiveModes = ["Never", "IfAvailable", "Always"]

    let user: String
    let exec: KubeconfigDocument.Exec
    let file: KubeconfigFile
    let home: String?

    func config() throws(KubeconfigError) -> ExecPluginConfig {
        let apiVersion = exec.apiVersion ?? ""
        guard Self.apiVersions.contains(apiVersion) else {
            let found = apiVersion.isEmpty ? "no apiVersion" : "apiVersion \(apiVersion)"
            throw .invalid("the exec section of the user \"\(user)\" has \(found)", in: file.path,
                           remedy: "Set apiVersion to \(Self.apiVersions.joined(separator: " or ")); the plugin's documentation says which it speaks.")
        }
        guard var command = exec.command, !command.isEmpty else {
            throw .invalid("the exec section of the user \"\(user)\" has no command", in: file.path)
        }
        if let mode = exec.interactiveMode, !Self.interactiveModes.contains(mode) {
            throw .invalid("the exec section of the user \"\(user)\" has interactiveMode \(mode)", in: file.path,
                           remedy: "Use one of \(Self.interactiveModes.joined(separator: ", ")).")
        }
        // A bare name is looked up on PATH when the plugin runs; only a path is relative to the file.
        if command.contains("/") {
            command = LocalFile.resolve(command, against: file.directory, home: home)
        }
        var environment: [String: String] = [:]
        for variable in exec.env ?? [] {
            environment[variable.name] = variable.value ?? ""
        }
        return ExecPluginConfig(apiVersion: apiVersion, command: command, arguments: exec.args ?? [],
                                environment: environment, installHint: exec.installHint,
                                provideClusterInfo: exec.provideClusterInfo ?? false, interactiveMode: exec.interactiveMode)
    }
}

/// What the command line says about which kubeconfig, context and namespace to use:
/// `--kubeconfig`, `--context`, `--namespace`. Empty means kubectl's defaults.
public struct KubeconfigSelection: Sendable, Hashable {
    /// `--kubeconfig`: this one file, instead of `KUBECONFIG` or `~/.kube/config`.
    public var path: String?
    /// `--context`: instead of the file's `current-context`.
    public var context: String?
    /// `--namespace`: instead of the context's namespace.
    public var namespace: String?

    /// A selection; every part nil means "as kubectl would choose".
    public init(path: String? = nil, context: String? = nil, namespace: String? = nil) {
        self.path = path
        self.context = context
        self.namespace = namespace
    }
}

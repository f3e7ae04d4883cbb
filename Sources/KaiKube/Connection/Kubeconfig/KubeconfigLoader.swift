import Foundation

/// Finds and reads kubeconfig files the way kubectl does (client-go's loading rules) and
/// turns the chosen context into a ``ClusterEndpoint``.
///
/// The files, in order:
/// 1. `--kubeconfig` (``KubeconfigSelection/path``): exactly that file, which must exist;
/// 2. else every file listed in `KUBECONFIG` (colon-separated; missing ones skipped), merged:
///    the first file that defines a cluster, user or context name wins, and `current-context`
///    comes from the first file that sets it;
/// 3. else `~/.kube/config`.
///
/// When no kubeconfig file exists (or all are empty) and `KUBERNETES_SERVICE_HOST` and
/// `KUBERNETES_SERVICE_PORT` are set, kai is in a pod and uses its service account.
///
/// ```swift
/// let endpoint = try KubeconfigLoader(environment: ProcessInfo.processInfo.environment)
///     .endpoint(KubeconfigSelection(context: "minikube", namespace: "todo-chatbot"))
/// ```
public struct KubeconfigLoader: Sendable {
    /// The variables the rules look at: `KUBECONFIG`, `HOME`, `KUBERNETES_SERVICE_HOST`/`_PORT`, `POD_NAMESPACE`.
    /// Private: it holds the whole environment, API keys included, which must not be printed by accident.
    private let environment: [String: String]
    /// The folder `~` stands for; `HOME` when nil.
    public let homeDirectory: String?
    /// Where a pod's service account token, CA and namespace are mounted.
    public let serviceAccountDirectory: String

    /// A loader reading `environment`; `homeDirectory` replaces `HOME` (for tests).
    public init(environment: [String: String], homeDirectory: String? = nil,
                serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount") {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.serviceAccountDirectory = serviceAccountDirectory
    }

    /// The endpoint for `selection`: its context (else the current one), that context's cluster
    /// and user, and the namespace (`--namespace`, else the context's, else `default`).
    public func endpoint(_ selection: KubeconfigSelection = KubeconfigSelection()) throws(KubeconfigError) -> ClusterEndpoint {
        if let path = selection.path, !path.isEmpty {
            let file = try KubeconfigFile.read(absolute(path))
            return try EndpointBuilder(config: try MergedKubeconfig([file]), home: home).endpoint(selection)
        }
        let candidates = precedence
        var files: [KubeconfigFile] = []
        for path in candidates {
            do {
                files.append(try KubeconfigFile.read(path))
            } catch let error where error.reason == .missingFile {
                continue
            }
        }
        let config = try MergedKubeconfig(files)
        if config.isEmpty, let inCluster = InClusterConfig(environment: environment, directory: serviceAccountDirectory) {
            return try inCluster.endpoint(namespace: selection.namespace)
        }
        guard !files.isEmpty else { throw noConfiguration(looked: candidates) }
        return try EndpointBuilder(config: config, home: home).endpoint(selection)
    }

    private var home: String? {
        [homeDirectory, environment["HOME"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// The files to merge when `--kubeconfig` is not given: `KUBECONFIG`'s list, else `~/.kube/config`.
    private var precedence: [String] {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen: Set<String> = []
            return list.split(separator: ":").map { absolute(String($0)) }.filter { seen.insert($0).inserted }
        }
        guard let home else { return [] }
        return [absolute(home + "/.kube/config")]
    }

    private func absolute(_ path: String) -> String {
        LocalFile.resolve(path, against: FileManager.default.currentDirectoryPath, home: home)
    }

    private func noConfiguration(looked candidates: [String]) -> KubeconfigError {
        let looked: String
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            looked = candidates.isEmpty ? "KUBECONFIG (\"\(list)\") lists no files"
                : "KUBECONFIG lists \(candidates.joined(separator: ", ")) and none of them exists"
        } else if let path = candidates.first {
            looked = "\(path) does not exist"
        } else {
            looked = "KUBECONFIG is not set and HOME is unknown"
        }
        return KubeconfigError(
            .noConfiguration, problem: "No kubeconfig found: \(looked), and kai is not running in a pod.",
            remedy: "Pass --kubeconfig or set KUBECONFIG to a kubeconfig file (minikube and kind write one), or try `kai --sandbox`.")
    }
}

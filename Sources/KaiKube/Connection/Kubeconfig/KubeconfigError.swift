import KaiCore

/// A kubeconfig (or a pod's service account) that does not say how to reach a cluster:
/// a missing or broken file, an unknown context, a value that cannot be used.
///
/// The problem names the file and the entry; the remedy says what to change. Neither ever
/// contains a token or key.
public struct KubeconfigError: KaiError, Equatable {
    /// What kind of fault it is, for callers that react to some of them.
    public enum Reason: String, Sendable, Codable {
        /// A file that was asked for by name does not exist.
        case missingFile
        /// A file exists but cannot be read.
        case unreadableFile
        /// A file is not valid YAML or not shaped like a kubeconfig.
        case malformedFile
        /// No kubeconfig file exists and kai is not running in a pod.
        case noConfiguration
        /// No context was chosen, or the chosen one is not defined.
        case unknownContext
        /// The context refers to a cluster that is not defined.
        case unknownCluster
        /// The context refers to a user that is not defined.
        case unknownUser
        /// An entry holds a value kai cannot use: a bad URL, bad base64, a half-configured certificate.
        case invalidValue
    }

    public let reason: Reason
    public let problem: String
    public let remedy: String
    public var category: FailureCategory { .usage }

    /// A kubeconfig error.
    public init(_ reason: Reason, problem: String, remedy: String) {
        self.reason = reason
        self.problem = problem
        self.remedy = remedy
    }
}

extension KubeconfigError {
    /// The remedy for anything wrong inside a file that kubectl reads the same way.
    static let checkConfigView = "Check it with `kubectl config view` and fix the entry."

    static func missingFile(_ path: String) -> KubeconfigError {
        KubeconfigError(.missingFile, problem: "The kubeconfig \(path) does not exist.",
                        remedy: "Pass --kubeconfig with an existing file, or leave it out to use KUBECONFIG or ~/.kube/config.")
    }

    static func unreadable(_ path: String, what: String, reason: String) -> KubeconfigError {
        KubeconfigError(.unreadableFile, problem: "Cannot read \(what) \(path): \(reason).",
                        remedy: "Check that the file exists and that kai may read it.")
    }

    static func malformed(_ path: String, _ detail: String) -> KubeconfigError {
        KubeconfigError(.malformedFile, problem: "The kubeconfig \(path) cannot be read: \(detail).", remedy: checkConfigView)
    }

    static func invalid(_ detail: String, in path: String, remedy: String = checkConfigView) -> KubeconfigError {
        KubeconfigError(.invalidValue, problem: "In the kubeconfig \(path), \(detail).", remedy: remedy)
    }
}

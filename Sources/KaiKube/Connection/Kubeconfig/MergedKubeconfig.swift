/// Several kubeconfig files seen as one, by client-go's rules: for clusters, users and
/// contexts the first file that defines a name wins, and `current-context` comes from the
/// first file that sets it. Each entry remembers the file that defined it, because relative
/// paths inside an entry are relative to that file's folder.
struct MergedKubeconfig: Sendable {
    /// An entry and the file it came from.
    struct Sourced<Entry: Sendable>: Sendable {
        let entry: Entry
        let file: KubeconfigFile
    }

    /// The files read, in order of precedence.
    let files: [KubeconfigFile]
    private(set) var clusters: [String: Sourced<KubeconfigDocument.Cluster>] = [:]
    private(set) var users: [String: Sourced<KubeconfigDocument.User>] = [:]
    private(set) var contexts: [String: Sourced<KubeconfigDocument.Context>] = [:]
    private(set) var currentContext: String?

    /// Merges `files`, earlier files winning; a name listed twice in one file is an error, as in client-go.
    init(_ files: [KubeconfigFile]) throws(KubeconfigError) {
        self.files = files
        for file in files {
            let document = file.document
            try Self.merge(document.clusters ?? [], into: &clusters, from: file, list: "clusters") { ($0.name, $0.cluster ?? .init()) }
            try Self.merge(document.users ?? [], into: &users, from: file, list: "users") { ($0.name, $0.user ?? .init()) }
            try Self.merge(document.contexts ?? [], into: &contexts, from: file, list: "contexts") { ($0.name, $0.context ?? .init()) }
            if currentContext == nil, let current = document.currentContext, !current.isEmpty {
                currentContext = current
            }
        }
    }

    /// Whether the files together define nothing.
    var isEmpty: Bool { files.allSatisfy(\.document.isEmpty) }

    /// The paths of the files read, for messages.
    var paths: String { files.map(\.path).joined(separator: ", ") }

    private static func merge<Named, Entry: Sendable>(
        _ list: [Named], into merged: inout [String: Sourced<Entry>], from file: KubeconfigFile, list name: String,
        _ split: (Named) -> (String, Entry)
    ) throws(KubeconfigError) {
        var seen: Set<String> = []
        for item in list {
            let (key, entry) = split(item)
            guard seen.insert(key).inserted else {
                throw .invalid("\(name) lists \"\(key)\" twice", in: file.path, remedy: "Remove or rename one of them.")
            }
            if merged[key] == nil { merged[key] = Sourced(entry: entry, file: file) }
        }
    }
}

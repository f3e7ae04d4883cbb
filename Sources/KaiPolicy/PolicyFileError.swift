import KaiCore

/// A policy file that cannot be used: unreadable, not YAML, or with a wrong key or value.
public struct PolicyFileError: KaiError, Equatable {
    /// The file at fault.
    public let path: String
    /// The line of the fault (from 1), when known.
    public let line: Int?
    /// What is wrong at that place.
    public let detail: String

    /// An error in `path` at `line`.
    public init(path: String, line: Int?, detail: String) {
        self.path = path
        self.line = line
        self.detail = detail
    }

    public var problem: String { "The policy file \(path)\(line.map { ", line \($0)," } ?? "") cannot be used: \(detail)" }
    public var remedy: String {
        "Fix it (keys: namespaces, targets, maxReplicas, disabledOperations) or move it away to use the built-in policy; nothing was run."
    }
    public var category: FailureCategory { .usage }
}

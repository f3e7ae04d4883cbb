/// What became of a recorded change.
public enum AuditOutcome: String, Sendable, Hashable, CaseIterable {
    /// The API server accepted the write (its rollout, when followed, is recorded beside it).
    case applied
    /// The write was accepted, but following its rollout was interrupted or lost the cluster.
    case appliedNotFollowed
    /// The API server refused the write: nothing was changed.
    case failed
    /// The write was sent but no answer came (a timeout, a lost connection, kai stopped): the
    /// cluster may or may not have changed, so undo reads it before proposing anything.
    case unknown

    /// Words for people: "applied", "applied, not followed", "failed", "unknown".
    public var words: String {
        switch self {
        case .applied: "applied"
        case .appliedNotFollowed: "applied, not followed"
        case .failed: "failed"
        case .unknown: "unknown"
        }
    }

    /// Whether the cluster may hold the change, so that it may need undoing.
    public var mayHaveChanged: Bool { self != .failed }
}

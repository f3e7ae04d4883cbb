/// How following a deployment's rollout ended.
public enum RolloutOutcome: Sendable, Hashable {
    /// Every replica runs the new template and is available.
    case complete(String)
    /// The rollout cannot finish on its own: why, in words, with the Kubernetes reason.
    case failed(reason: String, message: String)
    /// The deadline passed first; where it had got to.
    case timedOut(String)

    /// One line for people.
    public var message: String {
        switch self {
        case .complete(let message), .timedOut(let message): message
        case .failed(_, let message): message
        }
    }

    /// "complete", "failed" or "timedOut", for the audit log and JSON.
    public var label: String {
        switch self {
        case .complete: "complete"
        case .failed: "failed"
        case .timedOut: "timedOut"
        }
    }
}

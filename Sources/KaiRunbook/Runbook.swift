import KaiCore

/// A runbook as written in its YAML file: a name, a description and steps, in order.
/// Nothing in it has been checked against the cluster yet; ``RunbookCompiler`` does that.
///
/// ```yaml
/// name: recover-backend
/// description: Restart the backend and make sure it serves again.
/// steps:
///   - check: {target: postgres, readyReplicas: ">= 1"}
///   - op: restart
///     target: backend
///   - wait: {rollout: backend, timeout: 120s}
/// ```
public struct Runbook: Sendable, Hashable {
    /// The file it was read from, as given.
    public let path: String
    public let name: String
    public let description: String
    public let steps: [RunbookStep]

    /// A runbook read from `path`.
    public init(path: String, name: String, description: String, steps: [RunbookStep]) {
        self.path = path
        self.name = name
        self.description = description
        self.steps = steps
    }
}

/// One step of a runbook as written: where it is in the file and what it asks for.
public struct RunbookStep: Sendable, Hashable {
    /// The step's position in `steps:`, from 1.
    public let number: Int
    /// The line the step starts on, from 1.
    public let line: Int?
    public let action: Action

    /// Step `number`, starting at `line`, doing `action`.
    public init(number: Int, line: Int?, action: Action) {
        self.number = number
        self.line = line
        self.action = action
    }

    /// The four kinds of step.
    public enum Action: Sendable, Hashable {
        /// A typed operation (`op: scale`), with its target as written.
        case operation(DraftStep)
        /// A request in plain language, planned by the local grammar; it may become several operations.
        case ask(String)
        /// Follow a deployment's rollout until it completes; nil timeout means the run's `--rollout-timeout`.
        case wait(rollout: TargetPhrase, timeout: Duration?)
        /// Read a deployment and fail the run unless every condition holds.
        case check(target: TargetPhrase, conditions: [ReplicaCondition])
    }
}

import ArgumentParser
import KaiExecutor

/// How much a run may do without asking, and how long it follows rollouts.
public struct RunOptions: ParsableArguments, Sendable {
    @Flag(name: [.short, .long], help: "Make change-level steps without asking (disruptive ones also need --allow-disruptive).")
    public var yes = false

    @Flag(name: .customLong("allow-disruptive"), help: "With --yes, also run disruptive steps (rollback, set image, delete pod, scale to 0).")
    public var allowDisruptive = false

    @Option(name: .customLong("rollout-timeout"), help: ArgumentHelp("Seconds to follow a change's rollout before reporting it timed out.", valueName: "seconds"))
    public var rolloutTimeout: Double = 300

    @Flag(name: .customLong("no-wait"), help: "Report a change once the API accepts it, without following its rollout.")
    public var noWait = false

    public init() {}

    public func validate() throws {
        guard rolloutTimeout > 0, rolloutTimeout <= 86_400 else {
            throw ValidationError("--rollout-timeout must be more than 0 and at most 86400 seconds, not \(rolloutTimeout).")
        }
    }

    public var consent: Consent { Consent(yes: yes, allowDisruptive: allowDisruptive) }
    public var rolloutDuration: Duration { .milliseconds(Int(rolloutTimeout * 1000)) }
}

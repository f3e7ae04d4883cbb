import Foundation
import KaiExecutor

/// How `kai mcp` runs what agents ask for.
public struct MCPSettings: Sendable {
    /// `--yes` and `--allow-disruptive`: what runs without asking the person. By default nothing that changes the cluster.
    public var consent: Consent
    /// How long an offer waits for `kai approve ID` (`--approval-timeout`, 10 minutes by default).
    public var approvalLifetime: Duration
    /// Tool calls running at once; one more is refused with a message until one finishes.
    public var maximumConcurrentCalls: Int
    /// How long a change's rollout is followed before the result says it timed out.
    public var rolloutTimeout: Duration
    /// Whether a change's result waits for its rollout.
    public var followRollouts: Bool

    /// Settings for a server that asks before every change.
    public init(consent: Consent = Consent(), approvalLifetime: Duration = .seconds(600), maximumConcurrentCalls: Int = 4,
                rolloutTimeout: Duration = .seconds(300), followRollouts: Bool = true) {
        self.consent = consent
        self.approvalLifetime = approvalLifetime
        self.maximumConcurrentCalls = maximumConcurrentCalls
        self.rolloutTimeout = rolloutTimeout
        self.followRollouts = followRollouts
    }
}

/// Counts tool calls in progress and turns away those beyond the bound, so an agent that fires
/// many calls at once cannot queue unbounded work against the cluster.
actor CallLimiter {
    let maximum: Int
    private var running = 0

    init(maximum: Int) { self.maximum = maximum }

    /// Takes a place; false when every place is taken.
    func enter() -> Bool {
        guard running < maximum else { return false }
        running += 1
        return true
    }

    /// Gives a place back.
    func leave() { running -= 1 }
}

/// What the client said of itself when the session began.
actor ClientSession {
    private(set) var name = "an MCP client"
    private(set) var canElicit = false
    /// Whether the client has sent `initialize`.
    private(set) var hasBegun = false

    /// Records the client's `clientInfo` and whether it can show a form to its user.
    func begin(name: String, version: String, canElicit: Bool) {
        hasBegun = true
        let named = MCPValue.cleanText("\(name) \(version)".trimmingCharacters(in: .whitespacesAndNewlines))
        self.name = named.isEmpty ? "an unnamed MCP client" : String(named.prefix(80))
        self.canElicit = canElicit
    }
}

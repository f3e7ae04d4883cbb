/// How far a followed rollout has come: sent each time its state or its ready count moves.
public struct RolloutUpdate: Sendable, Hashable {
    public let deployment: String
    /// Pods of the newest revision ready now, and how many the deployment wants.
    public let ready: Int
    public let desired: Int
    /// What the rollout is waiting for: "1 of 3 updated replicas are available".
    public let message: String

    /// An update for `deployment`.
    public init(deployment: String, ready: Int, desired: Int, message: String) {
        self.deployment = deployment
        self.ready = ready
        self.desired = desired
        self.message = message
    }

    /// The update as one line of a log: "Waiting for deployment backend: 1 of 3 updated replicas are available."
    public var line: String { "Waiting for deployment \(deployment): \(message)." }
}

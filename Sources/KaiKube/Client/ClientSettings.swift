/// How patient the client is: deadlines and retries for every call.
public struct ClientSettings: Sendable, Hashable {
    /// The deadline of one call that is not a watch or a followed log (kubectl's `--request-timeout`).
    public var requestTimeout: Duration
    /// How long to wait for the TCP and TLS connection to the server.
    public var connectTimeout: Duration
    /// How many times a call answered 429 or 5xx is retried before its error is reported.
    public var maximumRetries: Int
    /// The first back-off between retries; it doubles each time, up to ``maximumBackOff``.
    public var initialBackOff: Duration
    public var maximumBackOff: Duration
    /// How many times a change is sent when each 409 Conflict it meets was only a status update
    /// (its desired state unchanged on a fresh read); someone else's change is reported at once.
    public var conflictAttempts: Int

    /// Settings with kubectl-like defaults: 30 s per call, 4 retries from 250 ms, 5 tries on conflict.
    public init(requestTimeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10), maximumRetries: Int = 4,
                initialBackOff: Duration = .milliseconds(250), maximumBackOff: Duration = .seconds(8), conflictAttempts: Int = 5) {
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.maximumRetries = maximumRetries
        self.initialBackOff = initialBackOff
        self.maximumBackOff = maximumBackOff
        self.conflictAttempts = conflictAttempts
    }

    /// The deadline for the TCP connection and its TLS handshake: ``connectTimeout``, or nine tenths of
    /// the call's deadline when that is shorter, so that `--request-timeout 3` holds against a server that
    /// never finishes the handshake, and the failure is reported as the connection's, not the answer's.
    var effectiveConnectTimeout: Duration { min(connectTimeout, requestTimeout * 9 / 10) }

    /// The back-off before retry number `attempt` (0-based), or the server's `Retry-After` when it sent one.
    func backOff(attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maximumBackOff) }
        let factor = 1 << min(attempt, 16)
        return min(initialBackOff * factor, maximumBackOff)
    }
}

/// How a child process ended.
public enum Termination: Sendable, Hashable, CustomStringConvertible {
    /// It exited by itself with this status.
    case exited(Int32)
    /// A signal ended it (`SIGTERM` is 15, `SIGKILL` 9).
    case signalled(Int32)

    /// The status a shell would report: the exit status, or 128 plus the signal's number.
    public var status: Int32 {
        switch self {
        case let .exited(status): status
        case let .signalled(signal): 128 + signal
        }
    }

    /// `exited with status 3`, `was ended by signal 15`.
    public var description: String {
        switch self {
        case let .exited(status): "exited with status \(status)"
        case let .signalled(signal): "was ended by signal \(signal)"
        }
    }
}

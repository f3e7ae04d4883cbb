/// Which kind of failure an error is; the command line turns each into one exit code.
///
/// The mapping to numbers lives in one place, the executable, so that library code
/// never decides how a process ends.
public enum FailureCategory: String, Sendable, Codable {
    /// A requested operation ran and failed.
    case operationFailed
    /// The request, a flag or a configuration file could not be used.
    case usage
    /// A change needs confirmation that was not given, or the person declined.
    case confirmation
    /// The policy or the catalog refuses the request.
    case refused
    /// The cluster could not be reached.
    case unreachable
    /// The model provider failed.
    case provider
}

/// An error a person can act on: what went wrong, and what to do about it.
///
/// ```swift
/// throw ValueError(problem: "-1 is not a replica count", remedy: "use a whole number from 0 up")
/// ```
public protocol KaiError: Error, CustomStringConvertible, Sendable {
    /// One sentence saying what went wrong.
    var problem: String { get }
    /// One sentence saying what the person can do next; empty when there is nothing to add.
    var remedy: String { get }
    /// How the process should end when this error stops it.
    var category: FailureCategory { get }
}

extension KaiError {
    /// The problem and the remedy as one message.
    public var description: String {
        remedy.isEmpty ? problem : "\(problem) \(remedy)"
    }
}

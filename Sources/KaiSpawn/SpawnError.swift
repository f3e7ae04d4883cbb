#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program that could not be started: missing, not executable, not a program for this machine,
/// or the system out of processes or file descriptors.
public struct SpawnError: Error, Sendable, CustomStringConvertible {
    /// The program kai tried to start.
    public let executable: String
    /// The system's error number (`ENOENT`, `EACCES`, `ENOEXEC`, …).
    public let code: Int32

    /// The system's words for ``code``: `No such file or directory`.
    public var reason: String { String(cString: strerror(code)) }

    /// `/usr/bin/frob could not be started: No such file or directory`.
    public var description: String { "\(executable) could not be started: \(reason)" }
}

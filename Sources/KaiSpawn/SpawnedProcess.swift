import Foundation

/// A program kai (or a test) started: with no signal blocked and every signal at its default
/// action whatever thread started it, leading a process group of its own, its output collected
/// as it runs so that a full pipe never holds it up.
///
/// Every child process kai and its tests start goes through here.
///
/// ```swift
/// let server = try SpawnedProcess.start("/usr/bin/python3", ["-m", "http.server", "0"], environment: environment)
/// // … use it, then: SIGTERM to its group, up to 5 s, then SIGKILL.
/// let ended = await server.stop()       // .signalled(SIGTERM)
/// ```
public final class SpawnedProcess: Sendable {
    /// What a finished program left behind.
    public struct Outcome: Sendable {
        public let termination: Termination
        public let standardOutput: [UInt8]
        public let standardError: [UInt8]
    }

    /// The child's process ID, which is also its process group's.
    public let id: pid_t
    private let group: ProcessGroup
    private let standardOutput = Completion<[UInt8]>()
    private let standardError = Completion<[UInt8]>()

    /// Starts `executable` (a path; nothing is looked up) with `arguments`, exactly `environment`,
    /// in `directory` (else this process's), with `input` written to its standard input and then
    /// closed (nil: `/dev/null`).
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String],
                             directory: String? = nil, input: [UInt8]? = nil) throws(SpawnError) -> SpawnedProcess {
        var opened: [Int32] = []
        func pipe() throws(SpawnError) -> (read: Int32, write: Int32) {
            guard let ends = PosixSpawn.pipe() else {
                let code = errno
                opened.forEach { _ = close($0) }
                throw SpawnError(executable: executable, code: code)
            }
            opened += [ends.read, ends.write]
            return ends
        }
        let output = try pipe(), errors = try pipe()
        let feed = try input.map { _ throws(SpawnError) in try pipe() }
        let pid: pid_t
        do {
            pid = try PosixSpawn.spawn(executable, arguments, environment: environment, directory: directory,
                                       streams: .init(input: feed?.read, output: output.write, error: errors.write))
        } catch {
            opened.forEach { _ = close($0) }
            throw error
        }
        // The child holds its own copies; the reading ends see their end once it (and its children) close them.
        [output.write, errors.write, feed?.read].compactMap(\.self).forEach { _ = close($0) }
        SpawnRecord.note(pid, executable)
        let process = SpawnedProcess(id: pid)
        let (standardOutput, standardError) = (process.standardOutput, process.standardError)
        Blocking.run { standardOutput.complete(Blocking.readToEnd(output.read)) }
        Blocking.run { standardError.complete(Blocking.readToEnd(errors.read)) }
        if let input, let feed { Blocking.run { Blocking.feed(input, to: feed.write) } }
        return process
    }

    private init(id: pid_t) {
        self.id = id
        group = ProcessGroup(leader: id)
    }

    /// Whether the program has exited (what it started may still run).
    public var hasExited: Bool { group.ended.current != nil }

    /// Sends `signal` to the program and everything else in its process group.
    public func signal(_ signal: Int32) {
        group.signal(signal)
    }

    /// Waits for the program to exit and for its output to end.
    public func finished() async -> Outcome {
        Outcome(termination: await group.ended.value(), standardOutput: await standardOutput.value(),
                standardError: await standardError.value())
    }

    /// ``finished()``, or nil when `limit` passes first; the program is left running then.
    public func finished(within limit: Duration) async -> Outcome? {
        let deadline = ContinuousClock.now + limit
        func left() -> Duration { max(.zero, deadline - ContinuousClock.now) }
        guard let termination = await group.ended.value(within: left()),
              let output = await standardOutput.value(within: left()),
              let errors = await standardError.value(within: left()) else { return nil }
        return Outcome(termination: termination, standardOutput: output, standardError: errors)
    }

    /// Stops the program and its process group: `SIGTERM`, up to `grace` for the program to exit,
    /// then `SIGKILL` to whatever of the group is left. Returns how the program ended (the ending
    /// it had already, when it had exited). Finishes even when the calling task is cancelled.
    @discardableResult
    public func stop(grace: Duration = .seconds(5)) async -> Termination {
        group.signal(SIGTERM)
        let inTime = await group.ended.value(within: grace)
        group.signal(SIGKILL)
        let termination = if let inTime { inTime } else { await group.ended.value() }
        group.release()
        return termination
    }

    deinit {
        group.abandon()
    }
}

import Foundation
import KaiSpawn

extension ChildProcess {
    /// A program started in the background, read to the end once it has stopped. Start one with
    /// ``ChildProcess/withRunning(_:_:environment:_:)``, which stops it however
    /// the test ends.
    public final class Running: Sendable {
        private let process: SpawnedProcess

        /// Starts the program with `environment` added to this process's own; its output is
        /// collected as it runs so a full pipe never blocks it. Dropping the handle while the program
        /// runs stops it and its process group.
        public init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
             input: String? = nil, directory: URL? = nil) throws {
            process = try SpawnedProcess.start(executable.path, arguments,
                                               environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                               directory: directory?.path, input: input.map { Array($0.utf8) })
        }

        /// Whether the program is still running.
        public var isRunning: Bool { !process.hasExited }

        /// Sends SIGINT to the program's process group, as Ctrl-C would.
        public func interrupt() { process.signal(SIGINT) }

        /// Sends SIGTERM to the program's process group, as a service manager stopping it would.
        public func terminate() { process.signal(SIGTERM) }

        /// Waits for the program to end and returns what it printed.
        public func finish() async -> Result {
            Result(await process.finished())
        }

        /// Stops the program and its process group (SIGTERM, up to 10 s, SIGKILL) and returns what it printed.
        public func stop() async -> Result {
            await process.stop(grace: .seconds(10))
            return await finish()
        }
    }
}

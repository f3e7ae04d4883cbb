import Foundation

/// Runs programs (the built `kai`, the real `kubectl`, Python with Helm) from tests without
/// blocking Swift's cooperative thread pool.
///
/// Waiting for a child with `waitUntilExit()` on a task would hold one of the pool's few
/// threads; with a sandbox served in the same process, two such waits on a 2-core machine
/// leave no thread to answer the child's requests. Every blocking wait here runs on a
/// Dispatch thread of its own instead.
public enum ChildProcess {
    /// What a finished program left behind.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String

        /// Standard output parsed as one JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
                throw CocoaError(.propertyListReadCorrupt)
            }
            return object
        }
    }

    /// Runs `executable arguments…` to the end with `environment` added to this process's own
    /// and `input` on its standard input (nothing when nil).
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                           input: String? = nil, directory: URL? = nil) async throws -> Result {
        // Swift Testing starts every parameterised case at once; hundreds of programs started
        // together on 2 cores starve each other (and the sandbox they talk to) past any timeout.
        await slots.acquire()
        defer { Task { await slots.release() } }
        let running = try Running(executable, arguments, environment: environment, input: input, directory: directory)
        return await running.finish()
    }

    /// How many programs run at once: a few per core.
    private static let slots = Slots(ProcessInfo.processInfo.activeProcessorCount * 2)

    /// A counting semaphore for tasks.
    private actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(_ count: Int) { free = max(1, count) }

        func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
    }

    /// Runs a program found on `PATH`.
    public static func run(program: String, _ arguments: [String], environment: [String: String] = [:],
                           input: String? = nil, directory: URL? = nil) async throws -> Result {
        try await run(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, environment: environment,
                      input: input, directory: directory)
    }

    /// A program started in the background (`kubectl get -w`, `kai sandbox serve`), read to
    /// the end once it is stopped.
    public final class Running: Sendable {
        private let process: Process
        private let output: Task<Data, Never>
        private let errors: Task<Data, Never>

        /// Starts the program; its output is collected as it runs so a full pipe never blocks it.
        public init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    input: String? = nil, directory: URL? = nil) throws {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            if let directory { process.currentDirectoryURL = directory }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            let stdin = Pipe()
            process.standardInput = input == nil ? FileHandle.nullDevice : stdin
            try process.run()
            if let input {
                let writer = stdin.fileHandleForWriting
                DispatchQueue.global().async {
                    writer.write(Data(input.utf8))
                    try? writer.close()
                }
            }
            self.process = process
            self.output = Self.readToEnd(out.fileHandleForReading)
            self.errors = Self.readToEnd(err.fileHandleForReading)
        }

        /// Whether the program is still running.
        public var isRunning: Bool { process.isRunning }

        /// Sends SIGINT, as Ctrl-C would.
        public func interrupt() { process.interrupt() }

        /// Sends SIGTERM: for programs that take SIGINT as the test runner set it (a Python
        /// started with SIGINT ignored never installs its handler).
        public func terminate() { process.terminate() }

        /// Waits for the program to end and returns what it printed.
        public func finish() async -> Result {
            let stdout = await output.value
            let stderr = await errors.value
            let process = self.process
            let status = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    process.waitUntilExit()
                    continuation.resume(returning: process.terminationStatus)
                }
            }
            return Result(status: status, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self))
        }

        private static func readToEnd(_ handle: FileHandle) -> Task<Data, Never> {
            Task {
                await withCheckedContinuation { continuation in
                    DispatchQueue.global().async {
                        continuation.resume(returning: handle.readDataToEndOfFile())
                    }
                }
            }
        }
    }
}

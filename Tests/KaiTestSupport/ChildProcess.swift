import Foundation
import KaiSpawn

/// Runs programs (the built `kai`, the real `kubectl`, Python with Helm, test servers) from tests,
/// through the product's ``SpawnedProcess``: each starts with no signal blocked, in a process group
/// of its own, and is stopped with its group (SIGTERM, a bounded wait, SIGKILL) however the test ends.
///
/// No wait here holds a thread of Swift's cooperative pool: with a sandbox served in the same
/// process, two such waits on a 2-core machine would leave no thread to answer the child's requests.
public enum ChildProcess {
    /// What a finished program left behind.
    public struct Result: Sendable {
        /// The exit status, or 128 plus the number of the signal that ended the program.
        public let status: Int32
        public let stdout: String
        public let stderr: String

        init(_ outcome: SpawnedProcess.Outcome) {
            status = outcome.termination.status
            stdout = String(decoding: outcome.standardOutput, as: UTF8.self)
            stderr = String(decoding: outcome.standardError, as: UTF8.self)
        }

        /// Standard output parsed as one JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
                throw CocoaError(.propertyListReadCorrupt)
            }
            return object
        }
    }

    /// Runs `executable arguments…` to the end with `environment` added to this process's own
    /// and `input` on its standard input (nothing when nil). A test cancelled meanwhile (a time
    /// limit) stops the program; whatever the program left in its process group is stopped too.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                           input: String? = nil, directory: URL? = nil) async throws -> Result {
        // Swift Testing starts every parameterised case at once; hundreds of programs started
        // together on 2 cores starve each other (and the sandbox they talk to) past any timeout.
        await slots.acquire()
        defer { Task { await slots.release() } }
        let running = try Running(executable, arguments, environment: environment, input: input, directory: directory)
        let result = await withTaskCancellationHandler {
            await running.finish()
        } onCancel: {
            Task { _ = await running.stop() }
        }
        _ = await running.stop()
        return result
    }

    /// Runs a program found on `PATH`.
    public static func run(program: String, _ arguments: [String], environment: [String: String] = [:],
                           input: String? = nil, directory: URL? = nil) async throws -> Result {
        try await run(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, environment: environment,
                      input: input, directory: directory)
    }

    /// Starts `executable arguments…` in the background (a server, `kubectl get -w`) for the
    /// length of `body`, and stops it and its process group when `body` ends, returns or throws.
    public static func withRunning<T: Sendable>(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                                                _ body: (Running) async throws -> T) async throws -> T {
        let running = try Running(executable, arguments, environment: environment)
        do {
            let result = try await body(running)
            _ = await running.stop()
            return result
        } catch {
            _ = await running.stop()
            throw error
        }
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
}

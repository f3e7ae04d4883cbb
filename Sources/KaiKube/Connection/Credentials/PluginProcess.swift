import Foundation

/// Runs a credential plugin to its end without holding a thread of Swift's cooperative pool:
/// the exit arrives through `Process.terminationHandler`, the pipes are drained on Dispatch
/// threads, and a plugin still running at the deadline is killed.
enum PluginProcess {
    /// What a finished plugin left behind.
    struct Output: Sendable {
        let status: Int32
        let stdout: [UInt8]
        let stderr: [UInt8]
    }

    /// The executable `command` names: a path as it is, a bare name looked up on `searchPath`
    /// (`PATH`), as Go's `exec.LookPath` does. Nil when there is none.
    static func locate(_ command: String, searchPath: String?) -> String? {
        if command.contains("/") { return isExecutableFile(command) ? command : nil }
        let folders = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        return folders.lazy.map { "\($0)/\(command)" }.first(where: isExecutableFile)
    }

    /// Runs `executable arguments…` with exactly `environment` and no standard input.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    timeout: Duration, name: String) async throws(CredentialError) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let (exits, exited) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        do {
            try process.run()
        } catch {
            throw CredentialError(.pluginFailed, problem: "The credential plugin \(name) could not be started: \(error.localizedDescription).",
                                  remedy: "Check that it is a program for this machine and that kai may run it.")
        }
        let stdout = drain(out.fileHandleForReading)
        let stderr = drain(err.fileHandleForReading)
        let pid = process.processIdentifier
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await exits.first { _ in true } }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let status else {
            // SIGKILL, not SIGTERM: a plugin stuck on a login prompt may ignore the polite one.
            kill(pid, SIGKILL)
            throw .timedOut(name, after: timeout)
        }
        return Output(status: status, stdout: await stdout.value, stderr: await stderr.value)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    /// Reads a pipe to its end on a Dispatch thread, so a plugin that writes much never blocks on a full pipe.
    private static func drain(_ handle: FileHandle) -> Task<[UInt8], Never> {
        Task {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: [UInt8](handle.readDataToEndOfFile()))
                }
            }
        }
    }
}

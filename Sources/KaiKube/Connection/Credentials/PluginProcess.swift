import Foundation
import KaiSpawn

/// Runs a credential plugin to its end, as ``SpawnedProcess`` starts every child: no signal
/// blocked, a process group of its own, no thread of Swift's cooperative pool held while it runs.
/// A plugin still running at the deadline is stopped with whatever it started: SIGTERM, a short
/// grace, then SIGKILL.
enum PluginProcess {
    /// How long a plugin has to exit after SIGTERM before it is killed.
    static let grace: Duration = .seconds(2)

    /// The executable `command` names: a path as it is, a bare name looked up on `searchPath`
    /// (`PATH`), as Go's `exec.LookPath` does. Nil when there is none.
    static func locate(_ command: String, searchPath: String?) -> String? {
        if command.contains("/") { return isExecutableFile(command) ? command : nil }
        let folders = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        return folders.lazy.map { "\($0)/\(command)" }.first(where: isExecutableFile)
    }

    /// Runs `executable arguments…` with exactly `environment` and no standard input, for at most `timeout`.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    timeout: Duration, name: String) async throws(CredentialError) -> SpawnedProcess.Outcome {
        let plugin: SpawnedProcess
        do {
            plugin = try SpawnedProcess.start(executable, arguments, environment: environment)
        } catch {
            throw CredentialError(.pluginFailed, problem: "The credential plugin \(name) could not be started: \(error.reason).",
                                  remedy: "Check that it is a program for this machine and that kai may run it.")
        }
        if let outcome = await plugin.finished(within: timeout) { return outcome }
        await plugin.stop(grace: grace)
        throw .timedOut(name, after: timeout)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }
}

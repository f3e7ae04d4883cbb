import Foundation
import KaiKube
import KaiTestSupport
import Testing

/// A credential plugin that does not finish in time is stopped with everything it started,
/// and kai says which plugin and what to do.
@Suite("Exec credential plugins have a deadline")
struct ExecPluginDeadlineTests {
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    /// Runs a plugin made of `script` with a one-second deadline, and returns the error it must end in.
    private func timedOut(_ script: String) async throws -> CredentialError {
        let command = try folder.write("plugin.sh", "#!/bin/sh\n" + script + "\n", executable: true)
        let plugin = ExecCredentialPlugin(config: ExecPluginConfig(apiVersion: "client.authentication.k8s.io/v1", command: command),
                                          timeout: .seconds(1))
        let error = try #require(await #expect(throws: CredentialError.self) { try await plugin.credentials() })
        #expect(error.reason == .pluginTimedOut)
        #expect(error.problem == "The credential plugin \(command) did not finish within 1 s, so kai stopped it.")
        #expect(error.remedy.contains("raise --request-timeout"))
        return error
    }

    /// The processes the plugin listed in `name` (`PID START` lines: start times tell them from later
    /// processes given the same IDs).
    private func processes(_ name: String) -> [(pid: pid_t, started: String)] {
        folder.lines(name).compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 2, let pid = pid_t(fields[0]) else { return nil }
            return (pid, String(fields[1]))
        }
    }

    /// Shell that appends `PID START` for process `pid` to `file`.
    private static func record(_ pid: String, in file: String) -> String {
        #"echo "\#(pid) $(cut -d' ' -f22 /proc/\#(pid)/stat)" >> '\#(file)'"#
    }

    @Test func aPluginThatHangsIsStoppedWithWhatItStartedAtTheDeadline() async throws {
        let listed = folder.path("processes")
        _ = try await timedOut("""
            sleep 1000 &
            \(Self.record("$$", in: listed + ".tmp"))
            \(Self.record("$!", in: listed + ".tmp"))
            mv '\(listed).tmp' '\(listed)'
            wait
            """)
        let started = processes("processes")
        #expect(started.count == 2, "the plugin listed itself and its child before its deadline")
        for process in started {
            #expect(await eventually { !ProcFS.isRunning(process.pid, startedAt: process.started) }, "process \(process.pid) was stopped")
        }
    }

    @Test func aPluginThatIgnoresSIGTERMIsKilledAfterAShortGrace() async throws {
        let listed = folder.path("processes")
        _ = try await timedOut("""
            trap '' TERM
            \(Self.record("$$", in: listed + ".tmp"))
            mv '\(listed).tmp' '\(listed)'
            while :; do sleep 1; done
            """)
        let plugin = try #require(processes("processes").first, "the plugin listed itself before its deadline")
        #expect(await eventually { !ProcFS.isRunning(plugin.pid, startedAt: plugin.started) })
    }
}

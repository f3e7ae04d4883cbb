import Foundation
import KaiTestSupport
import Testing

/// A kubeconfig's exec credential plugin, run by the built binary: bounded by `--request-timeout`,
/// started with no signal blocked, stopped with SIGTERM, and recorded for the test run's leftover check.
@Suite("Credential plugins, through the binary")
struct CredentialPluginTests {
    /// A kubeconfig in `folder` whose user gets its credential from `plugin`, for a cluster where nothing listens.
    static func kubeconfig(in folder: URL, plugin: String) throws -> String {
        let path = folder.appendingPathComponent("kubeconfig").path
        try """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]
            users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "\(plugin)", interactiveMode: Never}}}]
            contexts: [{name: x, context: {cluster: c, user: u, namespace: todo-chatbot}}]
            current-context: x
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes `script` as an executable plugin in `folder`.
    static func plugin(in folder: URL, _ script: String) throws -> String {
        let path = folder.appendingPathComponent("plugin.sh").path
        try ("#!/bin/sh\n" + script + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// `PID START` of the plugin, as it wrote them to `self` in `folder`.
    static func pluginProcess(in folder: URL) throws -> (pid: pid_t, started: String) {
        let text = try String(contentsOf: folder.appendingPathComponent("self"), encoding: .utf8)
        let fields = text.split(whereSeparator: \.isWhitespace)
        let pid = try #require(fields.first.flatMap { pid_t($0) })
        return (pid, String(try #require(fields.last)))
    }

    /// Shell that writes the plugin's `PID START` to `self` in `folder`.
    static func recordSelf(in folder: URL) -> String {
        let file = folder.appendingPathComponent("self").path
        return #"echo "$$ $(cut -d' ' -f22 /proc/$$/stat)" > '\#(file).tmp' && mv '\#(file).tmp' '\#(file)'"#
    }

    @Test func aHungPluginIsStoppedWithSIGTERMAtTheRequestTimeoutAndNamed() async throws {
        let folder = try KaiProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The shell's own mask, read with builtins: while it waits for a command it runs (grep), dash blocks every signal.
        let plugin = try Self.plugin(in: folder, """
            while read -r key value; do [ "$key" = SigBlk: ] && echo "$value" > '\(folder.path)/blocked'; done < /proc/$$/status
            trap 'echo TERM > "\(folder.path)/signalled"; exit 143' TERM
            \(Self.recordSelf(in: folder))
            sleep 1000 & wait $!
            """)
        let kubeconfig = try Self.kubeconfig(in: folder, plugin: plugin)
        let result = try await KaiProcess.run(["--kubeconfig", kubeconfig, "--request-timeout", "1", "list pods"],
                                              environment: ["XDG_STATE_HOME": folder.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("The credential plugin \(plugin) did not finish within 1 s, so kai stopped it."), "\(result.stderr)")
        #expect(result.stderr.contains("raise --request-timeout"))
        let blocked = try String(contentsOf: folder.appendingPathComponent("blocked"), encoding: .utf8)
        #expect(blocked == "0000000000000000\n", "the plugin starts with no signal blocked")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("signalled").path), "the plugin got SIGTERM")
        let process = try Self.pluginProcess(in: folder)
        #expect(!ProcFS.isRunning(process.pid, startedAt: process.started))
    }

    @Test func eachPluginKaiStartsIsRecordedInTheSpawnLog() async throws {
        let folder = try KaiProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plugin = try Self.plugin(in: folder, """
            \(Self.recordSelf(in: folder))
            echo '{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "status": {"token": "t"}}'
            """)
        let kubeconfig = try Self.kubeconfig(in: folder, plugin: plugin)
        let log = folder.appendingPathComponent("spawned")
        _ = try await KaiProcess.run(["--kubeconfig", kubeconfig, "--request-timeout", "5", "list pods"],
                                     environment: ["XDG_STATE_HOME": folder.path, "KAI_SPAWN_LOG": log.path])
        let process = try Self.pluginProcess(in: folder)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0 == "\(process.pid) \(process.started) \(plugin)" }, "\(lines)")
    }
}

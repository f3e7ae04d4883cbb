import Foundation
import KaiKube
import Testing

@Suite("Exec credential plugins run as client-go runs them, and only when needed")
struct ExecPluginTests {
    private static let v1 = "client.authentication.k8s.io/v1"
    private static let v1beta1 = "client.authentication.k8s.io/v1beta1"

    /// Prints an ExecCredential whose token counts the runs so far, after the gate file exists
    /// (when one is named); records each run and the KUBERNETES_EXEC_INFO it got.
    private static let countingPlugin = """
        #!/bin/sh
        echo run >> "$KAI_TEST_COUNTER"
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$KAI_TEST_INFO"
        runs=$(wc -l < "$KAI_TEST_COUNTER" | tr -d ' ')
        while [ -n "$KAI_TEST_GATE" ] && [ ! -e "$KAI_TEST_GATE" ]; do sleep 0.05; done
        cat <<JSON
        {"apiVersion": "$KAI_TEST_VERSION", "kind": "ExecCredential", "status": {"token": "token-$runs"$KAI_TEST_EXTRA}}
        JSON

        """

    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    private var runs: Int { folder.lines("runs").count }

    /// The counting plugin configured for `apiVersion`, replying with `replyVersion` and `extra` status fields.
    private func countingPlugin(apiVersion: String = v1, replyVersion: String? = nil, extra: String = "",
                                gate: String = "", interactiveMode: String? = nil) throws -> ExecCredentialPlugin {
        let command = try folder.write("plugin.sh", Self.countingPlugin, executable: true)
        let environment = ["KAI_TEST_COUNTER": folder.path("runs"), "KAI_TEST_INFO": folder.path("info.json"),
                           "KAI_TEST_VERSION": replyVersion ?? apiVersion, "KAI_TEST_EXTRA": extra, "KAI_TEST_GATE": gate]
        return ExecCredentialPlugin(config: ExecPluginConfig(apiVersion: apiVersion, command: command, environment: environment,
                                                             interactiveMode: interactiveMode))
    }

    /// A plugin running `script`, which is written to the test's folder.
    private func scriptPlugin(_ script: String) throws -> ExecCredentialPlugin {
        let command = try folder.write("script.sh", "#!/bin/sh\n" + script + "\n", executable: true)
        return ExecCredentialPlugin(config: ExecPluginConfig(apiVersion: Self.v1, command: command))
    }

    private func failure(_ plugin: ExecCredentialPlugin) async -> CredentialError? {
        await #expect(throws: CredentialError.self) { try await plugin.credentials() }
    }

    private func execInfo() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.path("info.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: - Caching

    @Test func aCredentialIsKeptUntilItExpiresOrIsInvalidated() async throws {
        let plugin = try countingPlugin(extra: #", "expirationTimestamp": "2999-01-01T00:00:00Z""#)
        #expect(try await plugin.credentials().bearerToken == "token-1")
        #expect(try await plugin.credentials().bearerToken == "token-1")
        #expect(runs == 1)
        await plugin.invalidate()
        #expect(try await plugin.credentials().bearerToken == "token-2")
        #expect(runs == 2)
    }

    @Test func anExpiredCredentialRunsThePluginAgain() async throws {
        let plugin = try countingPlugin(extra: #", "expirationTimestamp": "2000-01-01T00:00:00Z""#)
        #expect(try await plugin.credentials().bearerToken == "token-1")
        #expect(try await plugin.credentials().bearerToken == "token-2")
        #expect(runs == 2)
    }

    @Test func aCredentialWithoutExpiryLastsUntilInvalidated() async throws {
        let plugin = try countingPlugin()
        for _ in 0..<3 { #expect(try await plugin.credentials().bearerToken == "token-1") }
        #expect(runs == 1)
        await plugin.invalidate()
        #expect(try await plugin.credentials().bearerToken == "token-2")
    }

    @Test func concurrentCallersShareOneRun() async throws {
        let gate = folder.path("gate")
        let plugin = try countingPlugin(gate: gate)
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<6 { group.addTask { try await plugin.credentials().bearerToken } }
            try await waitUntil { runs == 1 }
            try folder.write("gate", "")
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(tokens == Array(repeating: "token-1", count: 6))
        #expect(runs == 1)
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    // MARK: - The protocol

    @Test func v1beta1PluginsWorkToo() async throws {
        let plugin = try countingPlugin(apiVersion: Self.v1beta1, extra: #", "expirationTimestamp": "2999-01-01T00:00:00.250Z""#)
        #expect(try await plugin.credentials().bearerToken == "token-1")
        let info = try execInfo()
        #expect(info["apiVersion"] as? String == Self.v1beta1)
        #expect(info["kind"] as? String == "ExecCredential")
        #expect((info["spec"] as? [String: Any])?["interactive"] as? Bool == false)
        #expect((info["spec"] as? [String: Any])?["cluster"] == nil)
    }

    @Test func aReplyInAnotherAPIVersionIsRefusedWithoutShowingTheToken() async throws {
        let error = try #require(await failure(try countingPlugin(replyVersion: Self.v1beta1)))
        #expect(error.reason == .malformedReply)
        #expect(error.problem.contains("apiVersion is \"\(Self.v1beta1)\" but the kubeconfig asks for \"\(Self.v1)\""))
        #expect(!error.description.contains("token-1"))
    }

    @Test func aPluginCanReturnAClientCertificate() async throws {
        let plugin = try scriptPlugin(#"""
            printf '%s' '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"-----BEGIN CERTIFICATE-----\nC\n-----END CERTIFICATE-----\n","clientKeyData":"-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----\n"}}'
            """#)
        let credentials = try await plugin.credentials()
        #expect(credentials.bearerToken == nil)
        #expect(credentials.clientCertificatePEM == Array("-----BEGIN CERTIFICATE-----\nC\n-----END CERTIFICATE-----\n".utf8))
        #expect(credentials.clientKeyPEM == Array("-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----\n".utf8))
    }

    @Test func aKubeconfigPluginGetsItsEnvironmentAndTheClusterWhenAsked() async throws {
        try folder.write("kube/plugins/get-token.sh", Self.countingPlugin, executable: true)
        let config = try folder.write("kube/config", """
            clusters:
            - name: c
              cluster: {server: "https://api.example:6443", certificate-authority-data: \(Data("CA PEM".utf8).base64EncodedString())}
            users:
            - name: u
              user:
                exec:
                  apiVersion: \(Self.v1)
                  command: ./plugins/get-token.sh
                  provideClusterInfo: true
                  interactiveMode: IfAvailable
                  env:
                  - {name: KAI_TEST_COUNTER, value: \(folder.path("runs"))}
                  - {name: KAI_TEST_INFO, value: \(folder.path("info.json"))}
                  - {name: KAI_TEST_VERSION, value: \(Self.v1)}
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """)
        let endpoint = try KubeconfigLoader(environment: [:], homeDirectory: folder.path("home"))
            .endpoint(KubeconfigSelection(path: config))
        var environment = ProcessInfo.processInfo.environment
        environment["KAI_TEST_EXTRA"] = #", "expirationTimestamp": "2999-01-01T00:00:00Z""#
        let provider = endpoint.makeCredentialProvider(environment: environment)
        #expect(try await provider.credentials().bearerToken == "token-1")
        let cluster = try #require((try execInfo()["spec"] as? [String: Any])?["cluster"] as? [String: Any])
        #expect(cluster["server"] as? String == "https://api.example:6443")
        #expect(cluster["certificate-authority-data"] as? String == Data("CA PEM".utf8).base64EncodedString())
        #expect(try await provider.credentials().bearerToken == "token-1")
        #expect(runs == 1)
    }

    // MARK: - Failures

    @Test func aFailingPluginReportsItsStatusAndLastErrorLine() async throws {
        let error = try #require(await failure(try scriptPlugin("""
            echo 'starting' >&2
            echo 'error: the SSO session has expired; run aws sso login' >&2
            echo '' >&2
            exit 3
            """)))
        #expect(error.reason == .pluginFailed)
        #expect(error.problem.hasSuffix("exited with status 3: error: the SSO session has expired; run aws sso login."))
        #expect(!error.problem.contains("starting"))
    }

    @Test(arguments: [
        ("echo 'this is not json'", "is not an ExecCredential JSON object"),
        ("true", "it printed nothing"),
        (#"echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"Status"}'"#, "kind is \"Status\""),
        (#"echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}'"#, "it has no status"),
        (#"echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}'"#, "neither a token nor"),
        (#"echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientKeyData":"K"}}'"#,
         "a client certificate or a key but not both"),
        (#"echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"tomorrow"}}'"#,
         "\"tomorrow\" is not an RFC 3339 time"),
    ])
    func malformedRepliesAreExplained(_ script: String, _ expected: String) async throws {
        let error = try #require(await failure(try scriptPlugin(script)))
        #expect(error.reason == .malformedReply)
        #expect(error.problem.contains(expected), "\(error.problem)")
    }

    @Test func aMissingCommandShowsTheInstallHint() async throws {
        let hint = "Install it with: brew install kai-test-no-such-plugin"
        let bare = ExecCredentialPlugin(config: ExecPluginConfig(apiVersion: Self.v1, command: "kai-test-no-such-plugin",
                                                                 installHint: hint))
        let error = try #require(await failure(bare))
        #expect(error.reason == .pluginNotFound)
        #expect(error.problem.contains("kai-test-no-such-plugin"))
        #expect(error.remedy == hint)
        let path = ExecCredentialPlugin(config: ExecPluginConfig(apiVersion: Self.v1, command: folder.path("bin/none")))
        let pathError = try #require(await failure(path))
        #expect(pathError.reason == .pluginNotFound)
        #expect(pathError.remedy.contains("Install it"))
    }

    @Test func aPluginThatMustAskQuestionsIsRefused() async throws {
        let error = try #require(await failure(try countingPlugin(interactiveMode: "Always")))
        #expect(error.reason == .needsTerminal)
        #expect(runs == 0)
    }
}

import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// `kai doctor` through the binary: every check passes on a working cluster, and each thing
/// that stops kai (no kubeconfig, an unreachable cluster, a missing namespace, a broken policy)
/// fails its own check with a fix and the exit code design.md gives it.
@Suite("kai doctor, through the binary")
struct DoctorCommandTests {
    /// The checks of a JSON report, by name.
    func checks(_ result: KaiProcess.Result) throws -> [String: [String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let checks = try #require(document["checks"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: checks.map { ($0["name"] as? String ?? "", $0) })
    }

    @Test func aWorkingClusterPassesEveryCheck() async throws {
        let kubeconfig = try await SharedSandbox.kubeconfig.value
        let state = try KaiProcess.temporaryDirectory()
        let doctor = try await KaiProcess.run(["doctor", "--kubeconfig", kubeconfig], environment: ["XDG_STATE_HOME": state.path])
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        for name in ["config", "policy", "kubeconfig", "cluster", "namespace", "permissions", "metrics", "state"] {
            #expect(doctor.stdout.contains("ok   \(name): "), "\(name) in \(doctor.stdout)")
        }
        #expect(doctor.stdout.contains("from \(kubeconfig)"))
        #expect(doctor.stdout.contains("    scale: allowed"))
        #expect(doctor.stdout.hasSuffix("kai is ready.\n"))
    }

    @Test func noKubeconfigFailsItsCheckSkipsTheClusterAndExitsTwo() async throws {
        let result = try await KaiProcess.run(["doctor", "-o", "json"], environment: ["KUBECONFIG": "/nonexistent/kubeconfig"])
        #expect(result.status == 2)
        let checks = try checks(result)
        #expect(checks["kubeconfig"]?["status"] as? String == "failed")
        #expect((checks["kubeconfig"]?["fix"] as? String)?.contains("--sandbox") == true)
        #expect(checks["cluster"]?["status"] as? String == "skipped")
        #expect(checks["config"]?["status"] as? String == "ok")
    }

    @Test func anUnreachableClusterExitsFive() async throws {
        let folder = try KaiProcess.temporaryDirectory()
        let kubeconfig = folder.appendingPathComponent("kubeconfig")
        try SandboxKubeconfig.text(server: try #require(URL(string: "http://127.0.0.1:9"))).write(to: kubeconfig, atomically: true, encoding: .utf8)
        let result = try await KaiProcess.run(["doctor", "--kubeconfig", kubeconfig.path, "--request-timeout", "5"])
        #expect(result.status == 5)
        #expect(result.stdout.contains("FAIL cluster: Cannot reach the cluster at http://127.0.0.1:9"))
        #expect(result.stdout.contains("skip permissions: Not checked: the cluster cannot be reached."))
    }

    @Test func aMissingNamespaceFailsWithHowToInstallIt() async throws {
        let result = try await KaiProcess.run(["doctor", "--kubeconfig", try await SharedSandbox.kubeconfig.value, "-n", "todo-staging"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("FAIL namespace: Namespace todo-staging does not exist on this cluster."))
        #expect(result.stdout.contains("--create-namespace"))
    }

    @Test func aBrokenPolicyFailsAndOperationsItSwitchesOffAreNotChecked() async throws {
        let folder = try KaiProcess.temporaryDirectory()
        let broken = folder.appendingPathComponent("broken.yaml")
        try "maxReplicas: lots\n".write(to: broken, atomically: true, encoding: .utf8)
        let failed = try await KaiProcess.run(["doctor", "--sandbox", "--policy", broken.path])
        #expect(failed.status == 2)
        #expect(failed.stdout.contains("FAIL policy: The policy file \(broken.path), line 1, cannot be used"))
        let narrow = folder.appendingPathComponent("narrow.yaml")
        try "disabledOperations: [deletePod, rollback]\n".write(to: narrow, atomically: true, encoding: .utf8)
        let result = try await KaiProcess.run(["doctor", "--sandbox", "--policy", narrow.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("    deletePod: not checked (switched off by the policy)"))
        #expect(result.stdout.contains("(14 operations,"))
    }

    @Test func theProviderIsAskedWhetherItAnswersAndTakesTheKey() async throws {
        let models = ModelServer.Reply.json(#"{"object":"list","data":[{"id":"llama3.2","object":"model","created":1,"owned_by":"library"}]}"#)
        let rejected = ModelServer.Reply.json(#"{"error":{"message":"invalid x-api-key","type":"authentication_error"}}"#, status: 401)
        let pong = Documented.openAIWholeText("pong")
        try await ModelServer.with([models, pong, pong, rejected]) { url, server in
            let flags = ["doctor", "--sandbox", "--provider", "openai", "--model", "llama3.2", "--base-url", url.appendingPathComponent("v1").absoluteString]
            let ok = try await KaiProcess.run(flags, environment: ["OPENAI_API_KEY": "sk-doctor-0123456789"])
            #expect(ok.status == 0, "\(ok.stdout)")
            #expect(ok.stdout.contains("ok   provider: openai at \(url.absoluteString)/v1 answers (key from $OPENAI_API_KEY accepted); model llama3.2."))
            #expect(await server.received.first?.uri == "/v1/models")
            let failed = try await KaiProcess.run(flags, environment: ["OPENAI_API_KEY": "sk-doctor-0123456789"])
            #expect(failed.status == 6)
            #expect(failed.stdout.contains("FAIL provider: The key in $OPENAI_API_KEY was rejected"))
            #expect(!failed.stdout.contains("sk-doctor"))
        }
    }

    @Test func theDoctorSaysWhetherALocalServerTakesToolsAndStructuredOutput() async throws {
        let models = ModelServer.Reply.json(#"{"object":"list","data":[{"id":"qwen","object":"model","created":1,"owned_by":"llamacpp"}]}"#)
        let pong = Documented.openAIWholeText("pong")
        // llama-cpp-python's server: tools taken, response_format only in its json_object form.
        let noJSONSchema = ModelServer.Reply.json(
            #"{"detail":[{"type":"literal_error","loc":["body","response_format","type"],"msg":"Input should be 'text' or 'json_object'"}]}"#, status: 422)
        try await ModelServer.with([models, pong, noJSONSchema, pong]) { url, server in
            let result = try await KaiProcess.run(["doctor", "--sandbox", "--provider", "llamacpp", "--base-url", url.appendingPathComponent("v1").absoluteString])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("ok   provider: llamacpp at \(url.absoluteString)/v1 answers (no key sent); model local. Tool calls: accepted. "
                                           + "Structured output: response_format as json_object with a schema accepted; --tool-mode json (or auto) constrains the model's replies to kai's operations."))
            let received = await server.received
            #expect(received.count == 4)
            #expect(received[1].json["tools"] != nil && received[1].json["max_tokens"] as? Int == 1)
            #expect((received[3].json["response_format"] as? [String: Any])?["type"] as? String == "json_object")
        }
    }

    @Test func theDoctorSaysWhenAServerRefusesStructuredOutput() async throws {
        let models = ModelServer.Reply.json(#"{"object":"list","data":[]}"#)
        let pong = Documented.openAIWholeText("pong")
        let refused = ModelServer.Reply.json(#"{"error":{"message":"response_format is not supported","type":"invalid_request_error"}}"#, status: 400)
        try await ModelServer.with([models, pong, refused, refused]) { url, _ in
            let result = try await KaiProcess.run(["doctor", "--sandbox", "--provider", "ollama", "--base-url", url.appendingPathComponent("v1").absoluteString])
            #expect(result.status == 0, "\(result.stdout)")
            #expect(result.stdout.contains("Tool calls: accepted. Structured output (response_format with a JSON Schema): refused; use --tool-mode native."))
        }
    }
}

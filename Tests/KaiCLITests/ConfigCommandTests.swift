import Foundation
import Testing

/// `kai config show` through the binary: the effective settings with their sources, flags over
/// the environment over config.yaml, keys masked everywhere, and a broken file named by line.
@Suite("kai config show, through the binary")
struct ConfigCommandTests {
    /// A config home of its own holding `text` as kai/config.yaml.
    func home(config text: String) throws -> URL {
        let folder = try KaiProcess.temporaryDirectory()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("kai"), withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("kai/config.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func showsEachSettingWithWhereItCameFromAndNeverTheKey() async throws {
        let folder = try home(config: "provider: openai\nmodel: llama3.2\nbaseURL: http://ollama:pw@127.0.0.1:11434/v1\n")
        let env = ["XDG_CONFIG_HOME": folder.path, "OPENAI_API_KEY": "sk-live-abcdef123456", "KAI_NAMESPACE": "todo-staging"]
        let result = try await KaiProcess.run(["config", "show", "--model", "qwen2.5"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Config file: \(folder.path)/kai/config.yaml")
        #expect(lines.contains { $0.contains("provider") && $0.contains("openai") && $0.hasSuffix("config.yaml, line 1") })
        #expect(lines.contains { $0.contains("model") && $0.contains("qwen2.5") && $0.hasSuffix("from --model") })
        #expect(lines.contains { $0.contains("namespace") && $0.contains("todo-staging") && $0.hasSuffix("from $KAI_NAMESPACE") })
        #expect(lines.contains { $0.contains("apiKey") && $0.contains("set (hidden)") && $0.hasSuffix("from $OPENAI_API_KEY") })
        #expect(lines.contains { $0.contains("http://***@127.0.0.1:11434/v1") })
        #expect(!result.stdout.contains("sk-live") && !result.stdout.contains(":pw@") && !result.stderr.contains("sk-live"))
    }

    @Test func jsonIsOneDocumentOfValuesAndSources() async throws {
        let folder = try home(config: "output: json\ninterpreter: local\n")
        let result = try await KaiProcess.run(["config", "show"], environment: ["XDG_CONFIG_HOME": folder.path, "ANTHROPIC_API_KEY": "sk-ant-x"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let settings = try #require(document["settings"] as? [String: [String: String]])
        #expect(settings["interpreter"] == ["value": "local", "source": "\(folder.path)/kai/config.yaml, line 2"])
        #expect(settings["provider"]?["value"]?.hasPrefix("none") == true)
        #expect(!result.stdout.contains("sk-ant"))
    }

    @Test func aBrokenConfigFileStopsEveryCommandWithItsLine() async throws {
        let folder = try home(config: "provider: openai\nmaxRounds: 99\n")
        for arguments in [["config", "show"], ["plan", "--sandbox", "list pods"]] {
            let result = try await KaiProcess.run(arguments, environment: ["XDG_CONFIG_HOME": folder.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("config.yaml, line 2, cannot be used: maxRounds must be from 1 to 10, not 99."), "\(result.stderr)")
        }
    }

    @Test func theConfiguredNamespaceAndOutputApplyToRequests() async throws {
        let folder = try home(config: "output: json\nnamespace: todo-chatbot\n")
        let result = try await KaiProcess.run(["plan", "--sandbox", "scale backend to 3"], environment: ["XDG_CONFIG_HOME": folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let steps = try #require(document["steps"] as? [[String: Any]])
        #expect(steps.first?["namespace"] as? String == "todo-chatbot")
    }

    @Test func aKeyFileWithMoreThanTheKeyIsRefusedWithoutQuotingIt() async throws {
        let keyFile = try KaiProcess.temporaryDirectory().appendingPathComponent("openai.key")
        try "sk-first-line-key\nSECOND-LINE-SECRET\n".write(to: keyFile, atomically: true, encoding: .utf8)
        let folder = try home(config: "provider: openai\napiKeyFile: \(keyFile.path)\n")
        let result = try await KaiProcess.run(["--interpreter", "model", "scale backend to 3"], environment: ["XDG_CONFIG_HOME": folder.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("apiKeyFile \(keyFile.path) holds 2 lines, so it cannot be sent as a key."), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("SECOND-LINE") && !(result.stdout + result.stderr).contains("sk-first"))
    }

    @Test func aKeyVariableWithAControlCharacterIsRefusedWithoutQuotingIt() async throws {
        let folder = try home(config: "provider: openai\n")
        let env = ["XDG_CONFIG_HOME": folder.path, "OPENAI_API_KEY": "sk-live-123\u{1B}]52;c;SECRETCLIP\u{07}"]
        let result = try await KaiProcess.run(["--interpreter", "model", "scale backend to 3"], environment: env)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("OPENAI_API_KEY holds spaces, control or non-ASCII characters"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("SECRETCLIP"))
    }
}

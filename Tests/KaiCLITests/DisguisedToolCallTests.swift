import Foundation
import KaiTestSupport
import Testing

/// A local OpenAI-compatible server (llama.cpp's, with a small model) is asked for tool rounds whole,
/// and a tool call it sends back as text is read as that call and checked like any other: it
/// becomes a plan step, never an answer, and a tool kai did not offer is never run.
@Suite("Tool calls in disguise from a local server, through the binary", .serialized)
struct DisguisedToolCallTests {
    func openAI(_ url: URL) -> (flags: [String], environment: [String: String]) {
        (["--provider", "openai", "--base-url", url.appendingPathComponent("v1").absoluteString, "--interpreter", "model"],
         ["OPENAI_API_KEY": "sk-test-0123456789abcdef"])
    }

    @Test func aRoundThatOffersToolsIsAskedWithoutStreaming() async throws {
        try await ModelServer.with([Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)]) { url, server in
            let model = openAI(url)
            let result = try await KaiProcess.plan(model.flags + ["more api replicas"], environment: model.environment)
            #expect(result.status == 0, "\(result.stderr)")
            let request = try #require(await server.received.first?.json)
            #expect(request["stream"] as? Bool == false)
            #expect((request["tools"] as? [Any])?.isEmpty == false)
        }
    }

    static let disguises = [
        #"functions.scale: {"target": "backend", "replicas": 3}"#,
        #"<tool_call>{"name": "scale", "arguments": {"target": "backend", "replicas": 3}}</tool_call>"#,
        #"{"name": "scale", "arguments": {"target": "backend", "replicas": 3}}"#,
        #"{"tool": "scale", "parameters": {"target": "backend", "replicas": 3}}"#,
        "```json\n{\"name\": \"scale\", \"arguments\": {\"target\": \"backend\", \"replicas\": 3}}\n```",
    ]

    @Test(arguments: disguises)
    func aToolCallInDisguiseBecomesAPlanStep(text: String) async throws {
        try await ModelServer.with([Documented.openAIWholeText(text)]) { url, server in
            let model = openAI(url)
            let result = try await KaiProcess.plan(model.flags + ["-o", "json", "more api replicas"], environment: model.environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let document = try result.json()
            #expect(document["interpreter"] as? String == "model")
            #expect(document["answer"] as? String == nil)
            let steps = try #require(document["steps"] as? [[String: Any]])
            #expect(steps.count == 1)
            #expect(steps.first?["op"] as? String == "scale")
            #expect((steps.first?["target"] as? [String: String])?["name"] == "todo-chatbot-backend")
            #expect((steps.first?["args"] as? [String: Int]) == ["replicas": 3])
            #expect(!result.stdout.contains("functions.") && !result.stdout.contains("tool_call"))
            #expect(await server.received.count == 1)
        }
    }

    @Test func aDisguisedCallInTextModeIsShownAsAPlanNotAnAnswer() async throws {
        try await ModelServer.with([Documented.openAIWholeText(#"functions.scale: {"target": "backend", "replicas": 3}"#)]) { url, _ in
            let model = openAI(url)
            let result = try await KaiProcess.plan(model.flags + ["more api replicas"], environment: model.environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("1. scale deployment todo-chatbot/todo-chatbot-backend  replicas=3  [change]"))
            #expect(!result.stdout.contains("functions.scale"))
        }
    }

    @Test func aDisguisedChangeWaitsForConfirmationLikeARealOne() async throws {
        try await TestCluster.with { cluster in
            try await ModelServer.with([Documented.openAIWholeText(#"<tool_call>{"name": "scale", "arguments": {"target": "backend", "replicas": 3}}</tool_call>"#)]) { url, _ in
                let model = openAI(url)
                let result = try await cluster.kai(model.flags + ["more api replicas"], environment: model.environment)
                #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
                #expect(result.stdout.contains("1. scale deployment todo-chatbot/todo-chatbot-backend  replicas=3  [change]"))
                #expect(result.stderr.contains("there is no terminal to confirm it. Nothing was changed."))
                #expect(try await cluster.kubectl(["get", "deploy", "todo-chatbot-backend", "-o", "jsonpath={.spec.replicas}"]).stdout == "2")
                #expect(cluster.auditLines.isEmpty)
            }
        }
    }

    @Test func textThatMentionsAToolInProseStaysAnAnswer() async throws {
        let prose = "You could scale the backend, or call functions.scale with {\"replicas\": 3} if you want more."
        try await ModelServer.with([Documented.openAIWholeText(prose)]) { url, _ in
            let model = openAI(url)
            let result = try await KaiProcess.plan(model.flags + ["how do I get more api replicas"], environment: model.environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == prose + "\n")
        }
    }

    @Test(arguments: [#"functions.deleteDeployment: {"target": "backend"}"#,
                      #"<tool_call>{"name": "deleteDeployment", "arguments": {"target": "backend"}}</tool_call>"#])
    func aDisguisedCallToAToolKaiDidNotOfferIsUnusable(text: String) async throws {
        try await ModelServer.with([Documented.openAIWholeText(text), Documented.openAIWholeText(text)]) { url, server in
            let model = openAI(url)
            let result = try await KaiProcess.plan(model.flags + ["get rid of the api"], environment: model.environment)
            #expect(result.status == 6, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("The model's reply could not be used: deleteDeployment: There is no tool \"deleteDeployment\"."))
            #expect(result.stderr.contains("Nothing was run."))
            #expect(!result.stdout.contains("deleteDeployment"))
            let received = await server.received
            #expect(received.count == 2)
            let messages = try #require(received.last?.json["messages"] as? [[String: Any]])
            let correction = messages.dropLast().last
            #expect(correction?["role"] as? String == "tool")
            #expect((correction?["content"] as? String)?.hasPrefix("Not run: There is no tool \"deleteDeployment\".") == true)
            // Said in words too, for chat templates that show a model no tool results.
            #expect(messages.last?["role"] as? String == "user")
            #expect((messages.last?["content"] as? String)?.contains("deleteDeployment: There is no tool \"deleteDeployment\"") == true)
        }
    }
}

/// A model that refuses in text, as its prompt tells it to, ends in a refusal: exit 4, nothing run.
@Suite("A model's refusal, through the binary", .serialized)
struct ModelRefusalTests {
    @Test func aTextRefusalFromTheModelExitsFour() async throws {
        let refusal = "kai cannot delete deployments; it can scale backend to 0, which stops it and can be undone."
        try await ModelServer.with([Documented.openAIWholeText(refusal), Documented.openAIWholeText(refusal)]) { url, _ in
            let flags = ["--provider", "openai", "--base-url", url.appendingPathComponent("v1").absoluteString, "--interpreter", "model"]
            let environment = ["OPENAI_API_KEY": "sk-test-0123456789abcdef"]
            let text = try await KaiProcess.plan(flags + ["get rid of the api deployment"], environment: environment)
            #expect(text.status == 4, "\(text.stdout)\(text.stderr)")
            #expect((text.stdout + text.stderr).contains("Refused: kai cannot delete deployments."))
            #expect((text.stdout + text.stderr).contains("It can scale backend to 0, which stops it and can be undone."))
            let json = try await KaiProcess.plan(flags + ["-o", "json", "get rid of the api deployment"], environment: environment)
            #expect(json.status == 4)
            let document = try json.json()
            #expect(document["interpreter"] as? String == "model")
            #expect((document["refusal"] as? [String: Any])?["reason"] as? String == "kai cannot delete deployments.")
            #expect((document["steps"] as? [Any])?.isEmpty != false)
        }
    }
}

import Foundation
import KaiTestSupport
import Testing

/// Local servers that send one tool call a reply and show a model no tool results (llama-cpp-python's
/// chatml-function-calling handler does both): kai asks once for a part of the request left without a
/// call, says a correction in words as well, and after an empty reply requires the one tool the
/// request's words point to.
@Suite("Servers that send one call a reply, through the binary", .serialized)
struct OneCallPerReplyTests {
    private func plan(_ request: String, url: URL, mode: [String] = ["--tool-mode", "native"]) async throws -> KaiProcess.Result {
        try await KaiProcess.plan(["--provider", "llamacpp", "--base-url", url.appendingPathComponent("v1").absoluteString,
                                   "--interpreter", "model", "-o", "json"] + mode + [request])
    }

    private func ops(_ result: KaiProcess.Result) throws -> [String?] {
        try #require(try result.json()["steps"] as? [[String: Any]]).map { $0["op"] as? String }
    }

    @Test func aPartOfTheRequestLeftWithoutACallIsAskedForOnce() async throws {
        let replies = [Documented.openAIToolCall("restart", #"{"target":"backend"}"#), Documented.openAIToolCall("logs", #"{"target":"backend"}"#)]
        try await ModelServer.with(replies) { url, server in
            let result = try await plan("restart the backend and then show its logs", url: url)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(try ops(result) == ["restart", "logs"])
            let received = await server.received
            #expect(received.count == 2)
            let messages = try #require(received.last?.json["messages"] as? [[String: Any]])
            #expect(messages.suffix(3).map { $0["role"] as? String } == ["assistant", "tool", "user"])
            #expect((messages.last?["content"] as? String)?.hasPrefix(#"The request also says "show its logs""#) == true)
        }
    }

    @Test func nothingMoreLeavesThePlanAsItWas() async throws {
        try await ModelServer.with([Documented.openAIToolCall("scale", #"{"target":"frontend","replicas":3}"#), Documented.openAIWholeText("")]) { url, server in
            let result = try await plan("scale frontend to 3 replicas, backend to 4", url: url)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(try ops(result) == ["scale"])
            let messages = try #require(await server.received.last?.json["messages"] as? [[String: Any]])
            #expect((messages.last?["content"] as? String)?.hasPrefix("The request asks for more than those calls") == true)
        }
    }

    @Test func toldOnlyToActAModelIsOfferedChangesOnceItHasRead() async throws {
        let replies = [Documented.openAIToolCall("logs", #"{"target":"backend"}"#), Documented.openAIToolCall("restart", #"{"target":"backend"}"#)]
        try await ModelServer.with(replies) { url, server in
            let result = try await plan("check the backend logs and act on them", url: url)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(try ops(result).contains("restart"))
            let offered = await server.received.map { received in
                Set((received.json["tools"] as? [[String: Any]] ?? []).compactMap { ($0["function"] as? [String: Any])?["name"] as? String })
            }
            #expect(offered.count == 2)
            #expect(offered.first?.contains("logs") == true && offered.first?.contains("restart") == false)
            #expect(offered.last?.isSuperset(of: ["logs", "restart", "scale", "rollback", "setImage"]) == true)
        }
    }

    @Test func aRequestWithOnePartIsNotAskedAgain() async throws {
        try await ModelServer.with([Documented.openAIToolCall("restart", #"{"target":"backend"}"#)]) { url, server in
            let result = try await plan("restart the backend", url: url)
            #expect(try ops(result) == ["restart"])
            #expect(await server.received.count == 1)
        }
    }

    @Test func aFurtherCallThatCannotBeUsedIsSaidAndTheRestStands() async throws {
        let replies = [Documented.openAIToolCall("restart", #"{"target":"backend"}"#), Documented.openAIToolCall("logs", #"{"target":"payments"}"#)]
        try await ModelServer.with(replies) { url, _ in
            let result = try await plan("restart the backend and then show its logs", url: url)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(try ops(result) == ["restart"])
            let understanding = try #require(try result.json()["understanding"] as? [String])
            #expect(understanding.contains { $0.hasPrefix("the model's further call could not be used: logs:") })
        }
    }

    @Test func readsBeyondWhatTheRequestAskedForAreLeftOut() async throws {
        // The model cannot see the logs it asked for, so it asks for more reads: the request asked for the logs.
        let replies = [Documented.openAIToolCall("logs", #"{"target":"backend"}"#), Documented.openAIToolCall("describe", #"{"target":"backend"}"#)]
        try await ModelServer.with(replies) { url, server in
            let result = try await plan("show the backend logs", url: url)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(try ops(result) == ["logs"])
            #expect(await server.received.count == 2)
        }
    }

    @Test func aCorrectionIsAlsoSaidInWords() async throws {
        let replies = [Documented.openAIToolCall("scale", #"{"target":"backend","replicas":-2}"#), Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)]
        try await ModelServer.with(replies) { url, server in
            let result = try await plan("scale the backend to 3", url: url)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let messages = try #require(await server.received.last?.json["messages"] as? [[String: Any]])
            #expect(messages.suffix(3).map { $0["role"] as? String } == ["assistant", "tool", "user"])
            #expect((messages.last?["content"] as? String)?.hasPrefix("kai did not run your calls. scale: ") == true)
        }
    }

    @Test func anEmptyReplyIsAskedAgainWithTheOneToolTheWordsPointTo() async throws {
        let replies = [Documented.openAIWholeText(""), Documented.openAIToolCall("list", #"{"kind":"deployments"}"#), Documented.openAIWholeText("")]
        try await ModelServer.with(replies) { url, server in
            let result = try await plan("show deployments", url: url)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(try ops(result) == ["list"])
            let required = try #require(await server.received.dropFirst().first?.json["tool_choice"] as? [String: Any])
            #expect((required["function"] as? [String: Any])?["name"] as? String == "list")
        }
    }

    @Test func theSystemPromptNamesTheToolsAndCompactToolsHaveNoDescriptions() async throws {
        try await ModelServer.with([Documented.openAIToolCall("rollback", #"{"target":"frontend"}"#)]) { url, server in
            _ = try await plan("roll back the frontend", url: url)
            let body = try #require(await server.received.first?.json)
            let system = try #require((body["messages"] as? [[String: Any]])?.first?["content"] as? String)
            #expect(system.contains("rollback (to an earlier revision)"))
            let tools = try #require(body["tools"] as? [[String: Any]]).compactMap { $0["function"] as? [String: Any] }
            #expect(tools.allSatisfy { $0["description"] == nil })
            // No revision was asked for, so none is offered to be made up.
            let rollback = try #require(tools.first { $0["name"] as? String == "rollback" })
            #expect(((rollback["parameters"] as? [String: Any])?["properties"] as? [String: Any])?.keys.sorted() == ["target"])
        }
    }
}

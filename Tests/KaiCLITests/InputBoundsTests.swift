import Foundation
import KaiTestSupport
import Testing

/// Every input has a bound: a streamed model reply stops at the same 16 MB as a whole one, a
/// reply with more tool calls than a plan may have steps is refused, a model's argument of the
/// wrong type is sent back once and then refused, and a policy with a huge list of names makes a
/// refusal of one short line.
@Suite("Input bounds, through the binary", .serialized)
struct InputBoundsTests {
    typealias Reply = ModelServer.Reply

    func openAI(_ url: URL) -> (flags: [String], environment: [String: String]) {
        (["--provider", "openai", "--base-url", url.appendingPathComponent("v1").absoluteString, "--interpreter", "model"],
         ["OPENAI_API_KEY": "sk-test-0123456789abcdef"])
    }

    @Test func aStreamedReplyLargerThanSixteenMegabytesIsCutOffWithExitSix() async throws {
        let megabyte = String(repeating: "a", count: 1 << 20)
        let chunk = Documented.openAIChunk(#"{"content":"\#(megabyte)"}"#)
        let endless = Reply.events(Array(repeating: (nil, chunk), count: 20) + [(nil, Documented.openAIChunk("{}", finish: "stop")), (nil, "[DONE]")])
        try await ModelServer.with([endless]) { url, _ in
            let model = openAI(url)
            let result = try await KaiProcess.plan(model.flags + ["tell me a long story"], environment: model.environment)
            #expect(result.status == 6, "\(result.stderr)")
            #expect(result.stderr.contains("is larger than 16 MB"), "\(result.stderr)")
            #expect(result.stdout.utf8.count <= 16 << 20)
        }
    }

    @Test func moreToolCallsInOneReplyThanAPlanMayHaveStepsExitSix() async throws {
        let calls = Array(repeating: ("logs", #"{"target":"backend"}"#), count: 50)
        try await ModelServer.with([Documented.openAIToolCalls(calls)]) { url, server in
            let model = openAI(url)
            let result = try await KaiProcess.plan(model.flags + ["look everywhere"], environment: model.environment)
            #expect(result.status == 6, "\(result.stderr)")
            #expect(result.stderr.contains("the model asked for 50 calls, at most 20"), "\(result.stderr)")
            #expect(await server.received.count == 1)
        }
    }

    @Test func aTextWhereANumberBelongsIsSentBackOnceThenExitsSix() async throws {
        let quoted = Documented.openAIToolCall("scale", #"{"target":"backend","replicas":"3"}"#)
        try await ModelServer.with([quoted, quoted]) { url, server in
            let model = openAI(url)
            let result = try await KaiProcess.plan(model.flags + ["more api replicas"], environment: model.environment)
            #expect(result.status == 6, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains(#"replicas must be a whole number, not "3""#), "\(result.stderr)")
            #expect(await server.received.count == 2)
            let correction = try #require(await server.received.last?.json["messages"] as? [[String: Any]]).dropLast().last
            #expect((correction?["content"] as? String)?.contains(#"Not run: replicas must be a whole number, not "3"."#) == true)
        }
    }

    @Test func aPolicyWithAHugeTargetListGivesAOneLineRefusal() async throws {
        let home = try KaiProcess.temporaryDirectory()
        try FileManager.default.createDirectory(at: home.appendingPathComponent("kai"), withIntermediateDirectories: true)
        let targets = (0..<200_000).map { "- app-\($0)" }.joined(separator: "\n")
        try "targets:\n\(targets)\n".write(to: home.appendingPathComponent("kai/policy.yaml"), atomically: true, encoding: .utf8)
        let result = try await KaiProcess.plan(["scale backend to 3"], environment: ["XDG_CONFIG_HOME": home.path])
        #expect(result.status == 4, "\(result.stderr.prefix(500))")
        #expect(result.stderr.contains("is not among the targets the policy allows (app-0, app-1, app-2, app-3, app-4, app-5, app-6, app-7, app-8, app-9 and 199990 more)."))
        #expect(result.stderr.utf8.count < 1000)
    }
}

import Foundation
import KaiConfig
import KaiCore
import KaiProviders
import KaiTestSupport
import Testing

/// Providers fail as networks and services fail: kai retries what may be retried, a bounded
/// number of times, and otherwise says what went wrong and what to do, never showing the key.
@Suite("Model provider faults")
struct FaultTests {
    func error(_ result: Result<ModelReply, any Error>) -> ProviderError? {
        if case .failure(let error) = result { return error as? ProviderError }
        return nil
    }

    @Test func rateLimitingIsWaitedOutAsRetryAfterSays() async throws {
        let limited = ModelServer.Reply.json(#"{"error":{"message":"Rate limit reached","type":"requests"}}"#, status: 429, headers: ["Retry-After": "1"])
        let (reply, _, received) = try await exchange(.openai, [limited, Documented.openAIText])
        #expect(try reply.get().text == "The backend has 2 ready replicas.")
        #expect(received.count == 2)
    }

    @Test func serverErrorsAreRetriedABoundedNumberOfTimes() async throws {
        let overloaded = ModelServer.Reply.json(#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#, status: 529)
        let recovered = try await exchange(.anthropic, [overloaded, overloaded, Documented.anthropicStreamed])
        #expect(try recovered.reply.get().toolCalls.count == 1)
        #expect(recovered.received.count == 3)

        let failing = ModelServer.Reply.json(#"{"error":{"message":"upstream failed"}}"#, status: 503)
        let (reply, _, received) = try await exchange(.openai, Array(repeating: failing, count: 6))
        #expect(error(reply)?.reason == .serverError)
        #expect(error(reply)?.problem.contains("503 after 3 retries: upstream failed") == true)
        #expect(received.count == 4)
    }

    @Test func aStreamCutBeforeAnyTextIsAskedAgainAndOneCutMidTextFails() async throws {
        let cutEarly = ModelServer.Reply.events([(nil, Documented.openAIChunk(#"{"role":"assistant"}"#))], cut: true)
        let textOnly = ModelRequest(system: sampleRequest.system, messages: sampleRequest.messages, tools: [])
        let retried = try await exchange(.openai, [cutEarly, Documented.openAIText], request: textOnly)
        #expect(try retried.reply.get().text == "The backend has 2 ready replicas.")
        #expect(retried.received.count == 2)
        // A server that breaks its stream before any of it is asked for a whole answer.
        #expect(retried.received.first?.json["stream"] as? Bool == true)
        #expect(retried.received.last?.json["stream"] as? Bool == false)

        let cutMidText = ModelServer.Reply.events([(nil, Documented.openAIChunk(#"{"content":"The back"}"#))], cut: true)
        let (reply, streamed, received) = try await exchange(.openai, [cutMidText, Documented.openAIText], request: textOnly)
        #expect(error(reply)?.reason == .streamCut)
        #expect(error(reply)?.remedy.contains("Nothing was run") == true)
        #expect(streamed == ["The back"])
        #expect(received.count == 1)
    }

    @Test func aRejectedKeyNamesWhereItCameFromAndNeverTheKey() async throws {
        let rejected = ModelServer.Reply.json(#"{"error":{"message":"Incorrect API key provided: test-key-123.","type":"invalid_request_error","code":"invalid_api_key"}}"#, status: 401)
        let reply = try await exchange(.openai, [rejected]).reply
        let failure = try #require(error(reply))
        #expect(failure.reason == .keyRejected)
        #expect(failure.problem.hasPrefix("The key in $OPENAI_API_KEY was rejected by openai at http://127.0.0.1:"))
        #expect(!failure.problem.contains("test-key-123") && !failure.remedy.contains("test-key-123"))
        #expect(failure.category == .provider)

        let anonymous = try await exchange(.gemini, [.json(#"{"error":{"code":403,"message":"Method doesn't allow unregistered callers.","status":"PERMISSION_DENIED"}}"#, status: 403)], key: nil).reply
        #expect(error(anonymous)?.remedy.contains("Set $GEMINI_API_KEY") == true)
    }

    @Test func theProvidersOwnServiceWithoutAKeyIsNotEvenAsked() async throws {
        let endpoint = ProviderEndpoint(kind: .anthropic, baseURL: try #require(ProviderKind.anthropic.defaultBaseURL), model: "m", apiKey: nil,
                                        keySource: "ANTHROPIC_API_KEY")
        let client = Providers.make(endpoint)
        await #expect {
            _ = try await client.complete(sampleRequest) { _ in }
        } throws: { error in
            (error as? ProviderError)?.problem == "anthropic at https://api.anthropic.com needs an API key, and none is set."
        }
        await client.shutdown()
    }

    @Test func aServerThatDoesNotFinishInTimeIsATimeout() async throws {
        var slow = Documented.openAIText
        slow.delay = .seconds(5)
        let reply = try await exchange(.openai, [slow], timeout: .milliseconds(300)).reply
        #expect(error(reply)?.reason == .timedOut)
    }

    @Test func nothingListeningIsUnreachable() async throws {
        var endpoint = ProviderEndpoint(kind: .openai, baseURL: URL(string: "http://127.0.0.1:9/v1")!, model: "m", apiKey: nil, keySource: "$OPENAI_API_KEY")
        endpoint.backOff = .milliseconds(10)
        let client = Providers.make(endpoint)
        await #expect {
            _ = try await client.complete(sampleRequest) { _ in }
        } throws: { error in
            (error as? ProviderError)?.reason == .unreachable && (error as? ProviderError)?.problem.contains("connection was refused") == true
        }
        await client.shutdown()
    }

    @Test func anAnswerThatIsNotJSONIsMalformed() async throws {
        let reply = try await exchange(.anthropic, [.json("<html>Bad gateway</html>")]).reply
        #expect(error(reply)?.reason == .malformedReply)
    }
}

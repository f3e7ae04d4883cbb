import Foundation
import KaiCore
@testable import KaiKube
import Testing

/// Every class of failure the client can meet becomes a typed error with a message a person can
/// act on and the exit-code category design.md gives it.
@Suite("Kubernetes client errors")
struct KubeClientErrorTests {
    /// The deadline is generous: a test process that is busy starting dozens of suites on two
    /// cores can leave a local answer waiting for seconds; only the hanging-server test is about deadlines.
    static func client(_ url: URL, user: String = "minikube", token: String? = "secret-token-value",
                       settings: ClientSettings = ClientSettings(requestTimeout: .seconds(30), initialBackOff: .milliseconds(10))) throws -> KubeClient {
        let endpoint = ClusterEndpoint(server: url, contextName: "test", clusterName: "test", userName: user, namespace: "todo-chatbot")
        return try KubeClient(endpoint: endpoint, credentials: StaticCredentialProvider(Credentials(bearerToken: token)), settings: settings)
    }

    /// Runs `body` against a scripted server with a fresh client, shutting the client down afterwards.
    func withScript<T: Sendable>(_ replies: [ScriptedAPIServer.Reply], user: String = "minikube",
                                 _ body: (KubeClient, ScriptedAPIServer) async throws -> T) async throws -> T {
        try await ScriptedAPIServer.with(replies) { url, script in
            let client = try Self.client(url, user: user)
            do {
                let result = try await body(client, script)
                await client.shutdown()
                return result
            } catch {
                await client.shutdown()
                throw error
            }
        }
    }

    func failure(_ body: () async throws -> Void) async -> KubeError? {
        do {
            try await body()
            return nil
        } catch {
            return error as? KubeError
        }
    }

    @Test func forbiddenNamesTheServiceAccountVerbAndNamespaceAndSaysWhatToGrant() async throws {
        let error = try await withScript([.status(403, reason: "Forbidden", message: "deployments.apps todo-chatbot-backend is forbidden")],
                                         user: "system:serviceaccount:todo-chatbot:kai") { client, _ in
            await failure {
                _ = try await client.patch(Deployment.self, .deployments, "todo-chatbot-backend", in: "todo-chatbot",
                                           patch: ["spec": ["replicas": 3]], as: .merge)
            }
        }
        #expect(error?.reason == .forbidden)
        #expect(error?.problem.starts(with: "The service account todo-chatbot/kai may not patch deployments in namespace todo-chatbot") == true)
        #expect(error?.remedy.contains("Grant it") == true)
        #expect(error?.category == .operationFailed)
    }

    @Test func unauthorizedRefreshesCredentialsOnceThenAsksToLogIn() async throws {
        let unauthorized = ScriptedAPIServer.Reply.status(401, reason: "Unauthorized", message: "Unauthorized")
        let (error, requests) = try await withScript([unauthorized, unauthorized]) { client, script in
            let error = await failure { _ = try await client.get(Deployment.self, .deployments, "x", in: "todo-chatbot") }
            return (error, await script.received.count)
        }
        #expect(requests == 2)
        #expect(error?.reason == .unauthorized)
        #expect(error?.category == .usage)
        #expect(error?.remedy.contains("Log in again") == true)
        #expect(error?.description.contains("secret-token-value") == false)
    }

    @Test func notFoundSaysWhichObjectAndWhere() async throws {
        let error = try await withScript([.status(404, reason: "NotFound", message: "not found")]) { client, _ in
            await failure { _ = try await client.get(Deployment.self, .deployments, "todo-chatbot-ghost", in: "todo-chatbot") }
        }
        #expect(error?.reason == .notFound)
        #expect(error?.problem == "Deployment todo-chatbot-ghost was not found in namespace todo-chatbot (404).")
    }

    @Test func invalidChangeCarriesTheServersFieldCauses() async throws {
        let reply = ScriptedAPIServer.Reply.status(422, reason: "Invalid", message: "Deployment.apps x is invalid",
                                                   causes: [("spec.replicas", "Invalid value: -1: must be greater than or equal to 0")])
        let error = try await withScript([reply]) { client, _ in
            await failure { _ = try await client.patch(Deployment.self, .deployments, "x", in: "todo-chatbot", patch: [:], as: .merge) }
        }
        #expect(error?.reason == .invalid)
        #expect(error?.problem.contains("spec.replicas: Invalid value: -1") == true)
        #expect(error?.category == .operationFailed)
    }

    @Test func throttlingAndServerErrorsAreRetriedWithBackOff() async throws {
        let deployment = #"{"metadata":{"name":"x","namespace":"todo-chatbot"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"a:1"}]}}}}"#
        let replies: [ScriptedAPIServer.Reply] = [
            ScriptedAPIServer.Reply(status: 429, body: "{}", retryAfter: "0"),
            .status(503, reason: "ServiceUnavailable", message: "etcd leader changed"),
            .ok(deployment),
        ]
        let (name, requests) = try await withScript(replies) { client, script in
            (try await client.get(Deployment.self, .deployments, "x", in: "todo-chatbot").metadata.name, await script.received.count)
        }
        #expect(name == "x")
        #expect(requests == 3)
    }

    @Test func serverErrorsThatPersistAreReportedAfterTheLastRetry() async throws {
        let failing = ScriptedAPIServer.Reply.status(500, reason: "InternalError", message: "boom")
        let (error, requests) = try await withScript(Array(repeating: failing, count: 10)) { client, script in
            (await failure { _ = try await client.get(Deployment.self, .deployments, "x", in: "todo-chatbot") }, await script.received.count)
        }
        #expect(requests == 5)
        #expect(error?.reason == .serverError)
        #expect(error?.problem.contains("every time kai tried") == true)
    }

    @Test func refusedConnectionIsUnreachableExitFiveAndMentionsMinikube() async throws {
        let port = try SilentServers.refusingPort()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let client = try Self.client(url)
        let error = await failure { _ = try await client.list(Pod.self, .pods, in: "todo-chatbot") }
        await client.shutdown()
        #expect(error?.reason == .unreachable)
        #expect(error?.category == .unreachable)
        #expect(error?.problem == "Cannot reach the cluster at http://127.0.0.1:\(port): the connection was refused.")
        #expect(error?.remedy.contains("minikube") == true)
    }

    @Test func hangingServerTimesOutAtTheDeadline() async throws {
        try await SilentServers.withHangingServer { url in
            let client = try Self.client(url, settings: ClientSettings(requestTimeout: .milliseconds(500)))
            let error = await failure { _ = try await client.list(Pod.self, .pods, in: "todo-chatbot") }
            await client.shutdown()
            #expect(error?.reason == .timedOut)
            #expect(error?.category == .unreachable)
            #expect(error?.problem.contains("did not answer within 500 ms") == true)
        }
    }

    @Test func bearerTokenIsSentAndNotSomethingElse() async throws {
        let received = try await withScript([.ok(#"{"metadata":{},"items":[]}"#)]) { client, script in
            _ = try await client.list(Pod.self, .pods, in: "todo-chatbot")
            return await script.received
        }
        #expect(received.first?.authorization == "Bearer secret-token-value")
        #expect(received.first?.path == "/api/v1/namespaces/todo-chatbot/pods")
    }

    @Test func answerThatIsNotAnObjectIsAMalformedResponse() async throws {
        let error = try await withScript([.ok("<html>login</html>")]) { client, _ in
            await failure { _ = try await client.get(Deployment.self, .deployments, "x", in: "todo-chatbot") }
        }
        #expect(error?.reason == .malformedResponse)
    }
}

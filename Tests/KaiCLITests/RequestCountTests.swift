import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// What a one-shot change costs in API requests, as the sandbox counts them: a change already made
/// and a plan read no more than they need, and a real change follows its rollout by watching, not polling.
@Suite("API requests of a one-shot change, through the binary", .serialized)
struct RequestCountTests {
    /// The requests `kai` made for `arguments`, by method (WATCH for a watch) and path.
    private func served(_ cluster: TestCluster, _ arguments: [String]) async throws -> (result: KaiProcess.Result, requests: [String: Int]) {
        let before = await cluster.tally.requests
        let result = try await cluster.kai(arguments)
        let after = await cluster.tally.requests
        return (result, after.compactMapValues { $0 }.reduce(into: [:]) { counts, entry in
            let made = entry.value - (before[entry.key] ?? 0)
            if made > 0 { counts[entry.key] = made }
        })
    }

    @Test func aScaleThatIsAlreadySatisfiedMakesAtMostThreeRequests() async throws {
        try await TestCluster.with { cluster in
            let (result, requests) = try await served(cluster, ["--yes", "scale backend to 2"])
            #expect(result.status == 0 && result.stdout.contains("no change, already replicas 2"), "\(result.stdout) \(result.stderr)")
            #expect(requests.values.reduce(0, +) <= 3, "\(requests)")
            // And the note about the autoscaler is still there, from the plan's own read.
            #expect(result.stdout.contains("Autoscaler todo-chatbot-backend manages todo-chatbot-backend"))
        }
    }

    @Test func planningADeploymentsChangeReadsItsDeploymentsAndAutoscalersOnly() async throws {
        try await TestCluster.with { cluster in
            let (result, requests) = try await served(cluster, ["plan", "scale backend to 3", "-o", "json"])
            #expect(result.status == 0 && result.stdout.contains("\"op\" : \"scale\""), "\(result.stdout) \(result.stderr)")
            let namespace = "/namespaces/todo-chatbot"
            #expect(requests == ["GET /apis/apps/v1\(namespace)/deployments": 1, "GET /apis/autoscaling/v2\(namespace)/horizontalpodautoscalers": 1],
                    "\(requests)")
            // A request that is not about one deployment is planned from the whole snapshot.
            let (_, wider) = try await served(cluster, ["plan", "list pods"])
            #expect(wider.values.reduce(0, +) > 2, "\(wider)")
        }
    }

    @Test func aRealScaleFollowsItsRolloutWithOneWatchPerKindAndNoPolling() async throws {
        try await TestCluster.with { cluster in
            let (result, requests) = try await served(cluster, ["--yes", "scale frontend to 3"])
            #expect(result.status == 0 && result.stdout.contains("rolled out: 3 of 3 replicas available"), "\(result.stdout) \(result.stderr)")
            let namespace = "/namespaces/todo-chatbot"
            #expect(requests["WATCH /apis/apps/v1\(namespace)/deployments"] == 1, "\(requests)")
            #expect(requests["WATCH /api/v1\(namespace)/pods"] == 1, "\(requests)")
            #expect(requests["GET /apis/apps/v1\(namespace)/replicasets"] == 1, "\(requests)")
            #expect(requests["GET /apis/apps/v1\(namespace)/deployments/todo-chatbot-frontend"] == nil, "no polling of the deployment: \(requests)")
            #expect(requests.values.reduce(0, +) <= 10, "\(requests)")
        }
    }

    @Test func aDroppedWatchIsListedAgainAndTheRolloutIsStillFollowed() async throws {
        try await TestCluster.with { direct in
            let (cluster, proxy) = try direct.behindProxy(.reset) { method, path in method == "GET" && path.contains("/pods?") && path.contains("watch=true") }
            defer { proxy.stop() }
            let (result, requests) = try await served(cluster, ["--yes", "scale frontend to 2"])
            #expect(result.status == 0 && result.stdout.contains("rolled out: 2 of 2 replicas available"), "\(result.stdout) \(result.stderr)")
            #expect((requests["WATCH /api/v1/namespaces/todo-chatbot/pods"] ?? 0) + (requests["GET /api/v1/namespaces/todo-chatbot/pods"] ?? 0) >= 3,
                    "the pods were listed again after the reset: \(requests)")
        }
    }
}

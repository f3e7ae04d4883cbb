import Foundation
import KaiCore
@testable import KaiKube
import KaiSandbox
import Testing

/// The typed client against the sandbox: the snapshot the resolver uses, watches and followed logs.
@Suite("Client against a live cluster")
struct LiveClientTests {
    func withClient<T: Sendable>(_ body: (KubeClient, SandboxServer) async throws -> T) async throws -> T {
        let server = try await SandboxServer.seeded()
        let running = try await server.start(port: 0)
        await server.settle()
        let endpoint = ClusterEndpoint(server: running.url, contextName: "kai-sandbox", clusterName: "kai-sandbox",
                                       userName: "kai-sandbox", namespace: TodoStackSeed.namespace)
        let client = try KubeClient(endpoint: endpoint, credentials: StaticCredentialProvider(Credentials()))
        do {
            let result = try await body(client, server)
            await client.shutdown()
            await running.stop()
            return result
        } catch {
            await client.shutdown()
            await running.stop()
            throw error
        }
    }

    @Test func theSnapshotHoldsTheWorkloadsWithPodsTracedToTheirDeployments() async throws {
        let snapshot = try await withClient { client, _ in try await ClusterSnapshot.read(from: client, namespace: TodoStackSeed.namespace) }
        #expect(snapshot.deployments.map(\.name).sorted() == ["todo-chatbot-backend", "todo-chatbot-frontend", "todo-chatbot-postgres"])
        #expect(snapshot.pods.count == 4)
        #expect(snapshot.pods.filter { $0.deployment == "todo-chatbot-backend" }.count == 2)
        #expect(snapshot.pods.allSatisfy { $0.phase == "Running" })
        let backend = try #require(snapshot.state(ofDeployment: "todo-chatbot-backend"))
        #expect(backend.replicas == 2 && backend.readyReplicas == 2)
        #expect(backend.autoscaler == AutoscalerState(name: "todo-chatbot-backend", min: 2, max: 5, cpuPercent: 70))
        #expect(backend.revision != nil)
    }

    @Test func aWatchDeliversTheNextChange() async throws {
        let replicas = try await withClient { client, _ in
            let current = try await client.get(Deployment.self, .deployments, "todo-chatbot-frontend", in: TodoStackSeed.namespace)
            let events = client.watch(Deployment.self, .deployments, in: TodoStackSeed.namespace,
                                      fieldSelector: "metadata.name=todo-chatbot-frontend",
                                      resourceVersion: current.metadata.resourceVersion, timeout: .seconds(10))
            _ = try await client.patch(Deployment.self, .deployments, "todo-chatbot-frontend", in: TodoStackSeed.namespace,
                                       patch: ["spec": ["replicas": 2]], as: .merge)
            for try await event in events where event.type == "MODIFIED" { return event.object.spec.replicas }
            return nil
        }
        #expect(replicas == 2)
    }

    @Test func aFollowedLogGivesLinesAsTheyAreWritten() async throws {
        let lines = try await withClient { client, _ in
            let pods = try await client.list(Pod.self, .pods, in: TodoStackSeed.namespace, labelSelector: "app.kubernetes.io/component=backend")
            let pod = try #require(pods.items.first).metadata.name
            // No lines from before: whatever arrives was written while the log was followed.
            for try await line in try await client.followLogs(pod: pod, in: TodoStackSeed.namespace, LogRequest(tailLines: 0)) {
                return [line]
            }
            return []
        }
        #expect(lines.count == 1)
        #expect(lines.allSatisfy { !$0.isEmpty })
    }

    @Test func logsOfAPreviousRunThatNeverHappenedIsAnInvalidRequest() async throws {
        let error = try await withClient { client, _ -> KubeError? in
            let pods = try await client.list(Pod.self, .pods, in: TodoStackSeed.namespace, labelSelector: "app.kubernetes.io/component=frontend")
            let pod = try #require(pods.items.first).metadata.name
            do {
                _ = try await client.logs(pod: pod, in: TodoStackSeed.namespace, LogRequest(previous: true))
                return nil
            } catch let error as KubeError {
                return error
            }
        }
        #expect(error?.reason == .invalid)
        #expect(error?.problem.contains("previous") == true)
    }
}

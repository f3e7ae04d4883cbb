import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The real kubectl against the sandbox: what a person would type, and what they should see.
@Suite("kubectl against the sandbox", .serialized)
struct KubectlTests {
    @Test func getListsTheSeededStackInEveryFormat() async throws {
        try await SandboxHarness.with { sandbox in
            try await sandbox.waitForRollouts()
            let pods = try await sandbox.kubectl("get", "pods")
            #expect(pods.status == 0)
            #expect(pods.stdout.components(separatedBy: "Running").count == 5)
            #expect(pods.stdout.contains("1/1"))
            let wide = try await sandbox.kubectl("get", "pods", "-o", "wide")
            #expect(wide.stdout.contains("kai-sandbox"))
            #expect(wide.stdout.contains("10.244.0."))
            let json = try await sandbox.kubectl("get", "deployments", "-o", "json")
            let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])["items"] as? [[String: Any]]
            #expect(items?.count == 3)
            let yaml = try await sandbox.kubectl("get", "deploy", "todo-chatbot-backend", "-o", "yaml")
            #expect(yaml.stdout.contains("kind: Deployment"))
            #expect(yaml.stdout.contains("app.kubernetes.io/component: backend"))
            let selected = try await sandbox.kubectl("get", "pods", "-l", "app.kubernetes.io/component=backend", "-o", "name")
            #expect(selected.stdout.split(separator: "\n").count == 2)
            #expect(try await sandbox.kubectl("get", "svc,cm,secret,pvc,hpa,sa").status == 0)
        }
    }

    @Test func aMissingObjectIsNotFoundAsTheAPIServerSaysIt() async throws {
        try await SandboxHarness.with { sandbox in
            let result = try await sandbox.kubectl("get", "deploy", "redis")
            #expect(result.status != 0)
            #expect(result.stderr.contains("Error from server (NotFound): deployments.apps \"redis\" not found"))
        }
    }

    @Test func malformedQueriesAreRefusedAsTheAPIServerRefusesThem() async throws {
        try await SandboxHarness.with { sandbox in
            let selector = try await sandbox.kubectl("get", "pods", "-l", "a===b")
            #expect(selector.status != 0)
            #expect(selector.stderr.contains("unable to parse requirement"))
            for query in ["limit=ten", "watch=true&resourceVersion=latest"] {
                let (_, response) = try await URLSession.shared.data(from: URL(string: "\(sandbox.url)/api/v1/namespaces/todo-chatbot/pods?\(query)")!)
                #expect((response as? HTTPURLResponse)?.statusCode == 400, "\(query)")
            }
        }
    }

    @Test func aWatchFromAVersionTooOldIsToldExpiredAsTheAPIServerTellsIt() async throws {
        try await SandboxHarness.with(watchHistory: 20) { sandbox in
            // The seed and one scale are more changes than the sandbox keeps: version 2 cannot be resumed from.
            #expect(try await sandbox.kubectl("scale", "deploy/todo-chatbot-frontend", "--replicas=2").status == 0)
            let raw = try await sandbox.kubectl("get", "--raw", "/api/v1/namespaces/todo-chatbot/pods?watch=true&resourceVersion=2&timeoutSeconds=5")
            #expect(raw.status == 0, "200 and an ERROR event, not an HTTP error: \(raw.stderr)")
            let lines = raw.stdout.split(separator: "\n")
            #expect(lines.count == 1, "\(raw.stdout)")
            let event = try #require(try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
            let status = event["object"] as? [String: Any]
            #expect(event["type"] as? String == "ERROR")
            #expect(status?["kind"] as? String == "Status" && status?["code"] as? Int == 410 && status?["reason"] as? String == "Expired", "\(event)")
            // A recent version still resumes.
            let version = try await sandbox.kubectl("get", "pods", "-o", "jsonpath={.metadata.resourceVersion}")
            let recent = try await sandbox.kubectl("get", "--raw", "/api/v1/namespaces/todo-chatbot/pods?watch=true&resourceVersion=\(version.stdout)&timeoutSeconds=1")
            #expect(recent.status == 0 && !recent.stdout.contains("ERROR"), "\(recent.stdout) \(recent.stderr)")
        }
    }

    @Test func scaleRollsOutToTheNewCount() async throws {
        try await SandboxHarness.with { sandbox in
            // The frontend: the backend's autoscaler puts a count its load does not need back, as a real one does.
            #expect(try await sandbox.kubectl("scale", "deploy/todo-chatbot-frontend", "--replicas=3").status == 0)
            let status = try await sandbox.kubectl("rollout", "status", "deploy/todo-chatbot-frontend", "--timeout=60s")
            #expect(status.status == 0)
            #expect(status.stdout.contains("successfully rolled out"))
            let ready = try await sandbox.kubectl("get", "deploy", "todo-chatbot-frontend", "-o", "jsonpath={.status.readyReplicas}")
            #expect(ready.stdout == "3")
        }
    }

    @Test func restartHistoryAndUndo() async throws {
        try await SandboxHarness.with { sandbox in
            #expect(try await sandbox.kubectl("rollout", "restart", "deploy/todo-chatbot-frontend").status == 0)
            #expect(try await sandbox.kubectl("rollout", "status", "deploy/todo-chatbot-frontend", "--timeout=60s").status == 0)
            let history = try await sandbox.kubectl("rollout", "history", "deploy/todo-chatbot-frontend")
            #expect(history.stdout.contains("4 "))
            #expect(try await sandbox.kubectl("rollout", "undo", "deploy/todo-chatbot-frontend", "--to-revision=1").status == 0)
            #expect(try await sandbox.kubectl("rollout", "status", "deploy/todo-chatbot-frontend", "--timeout=60s").status == 0)
            let image = try await sandbox.kubectl("get", "deploy", "todo-chatbot-frontend", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
            #expect(image.stdout == "todo-frontend:1.0.0")
            let pods = try await sandbox.eventually(["get", "pods", "-l", "app.kubernetes.io/component=frontend", "-o", "jsonpath={.items[*].spec.containers[0].image}"]) {
                $0.stdout == "todo-frontend:1.0.0"
            }
            #expect(pods.stdout == "todo-frontend:1.0.0")
        }
    }

    @Test func setImageChangesTheRunningPods() async throws {
        try await SandboxHarness.with { sandbox in
            #expect(try await sandbox.kubectl("set", "image", "deploy/todo-chatbot-backend", "backend=todo-backend:1.0.0").status == 0)
            #expect(try await sandbox.kubectl("rollout", "status", "deploy/todo-chatbot-backend", "--timeout=60s").status == 0)
            // Every running backend pod runs the new image once the old ones are gone; the backend's autoscaler
            // (2 to 5 replicas) may have added one while the rollout ran, so the count is not fixed.
            let images = try await sandbox.eventually(["get", "pods", "-l", "app.kubernetes.io/component=backend", "-o", "jsonpath={.items[*].spec.containers[0].image}"],
                                                      seconds: 120) { result in
                let running = result.stdout.split(separator: " ")
                return running.count >= 2 && running.allSatisfy { $0 == "todo-backend:1.0.0" }
            }
            let running = images.stdout.split(separator: " ")
            #expect(running.count >= 2 && running.allSatisfy { $0 == "todo-backend:1.0.0" }, "\(images.stdout)")
        }
    }

    @Test func logsTailSinceContainerAndPrevious() async throws {
        try await SandboxHarness.with { sandbox in
            try await sandbox.waitForRollouts()
            let backend = try await sandbox.kubectl("logs", "deploy/todo-chatbot-backend", "--tail=2")
            #expect(backend.status == 0)
            #expect(backend.stdout.split(separator: "\n").count == 2)
            let all = try await sandbox.kubectl("logs", "deploy/todo-chatbot-backend")
            #expect(all.stdout.contains("Uvicorn running on http://0.0.0.0:8000"))
            let postgres = try await sandbox.kubectl("logs", "deploy/todo-chatbot-postgres", "-c", "postgres", "--since=1h")
            #expect(postgres.stdout.contains("database system is ready to accept connections"))
            let frontend = try await sandbox.kubectl("logs", "deploy/todo-chatbot-frontend", "--timestamps")
            #expect(frontend.stdout.contains("Next.js"))
            let previous = try await sandbox.kubectl("logs", "deploy/todo-chatbot-frontend", "--previous")
            #expect(previous.status != 0)
            #expect(previous.stderr.contains("previous terminated container"))
            let wrong = try await sandbox.kubectl("logs", "deploy/todo-chatbot-frontend", "-c", "sidecar")
            #expect(wrong.stderr.contains("container sidecar is not valid"))
        }
    }

    @Test func aDeletedPodIsReplaced() async throws {
        try await SandboxHarness.with { sandbox in
            let before = try await sandbox.eventually(["get", "pods", "-l", "app.kubernetes.io/component=frontend", "-o", "name"]) { !$0.stdout.isEmpty }
            let pod = before.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await sandbox.kubectl("delete", pod, "--wait=true").status == 0)
            let after = try await sandbox.eventually(["get", "pods", "-l", "app.kubernetes.io/component=frontend"]) {
                $0.stdout.contains("1/1") && !$0.stdout.contains(pod.replacingOccurrences(of: "pod/", with: ""))
            }
            #expect(after.stdout.contains("1/1"))
            let events = try await sandbox.kubectl("get", "events")
            #expect(events.stdout.contains("SuccessfulCreate"))
            #expect(events.stdout.contains("Scheduled"))
        }
    }

    @Test func aDeleteWithPreconditionsLeavesAnotherObjectOfTheSameNameAlone() async throws {
        try await SandboxHarness.with { sandbox in
            let path = "/api/v1/namespaces/todo-chatbot/pods/probe"
            let options = FileManager.default.temporaryDirectory.appendingPathComponent("delete-options-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: options) }
            func delete(uid: String) async throws -> SandboxHarness.Result {
                try #"{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"\#(uid)"}}"#.write(to: options, atomically: true, encoding: .utf8)
                return try await sandbox.kubectl("delete", "--raw", path, "-f", options.path)
            }
            func uidOfProbe() async throws -> String {
                try await sandbox.kubectl("get", "pod", "probe", "-o", "jsonpath={.metadata.uid}").stdout
            }
            #expect(try await sandbox.kubectl("run", "probe", "--image=busybox:1.36").status == 0)
            let first = try await uidOfProbe()
            let refused = try await delete(uid: "not-\(first)")
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("Precondition failed: UID in precondition: not-\(first), UID in object meta: \(first)"), "\(refused.stderr)")

            // The pod is made again under its name: a delete meant for the first one leaves it alone.
            #expect(try await sandbox.kubectl("delete", "pod", "probe", "--wait=true").status == 0)
            #expect(try await sandbox.kubectl("run", "probe", "--image=busybox:1.36").status == 0)
            let second = try await uidOfProbe()
            #expect(!second.isEmpty && second != first)
            let stale = try await delete(uid: first)
            #expect(stale.status != 0 && stale.stderr.contains("Precondition failed"), "\(stale.stderr)")
            #expect(try await uidOfProbe() == second)

            let deleted = try await delete(uid: second)
            #expect(deleted.status == 0, "\(deleted.stderr)")
            #expect(try await sandbox.kubectl("get", "pod", "probe").stderr.contains("not found"))
        }
    }

    @Test func describeShowsStatusAndEvents() async throws {
        try await SandboxHarness.with { sandbox in
            try await sandbox.waitForRollouts()
            let deployment = try await sandbox.kubectl("describe", "deploy", "todo-chatbot-backend")
            #expect(deployment.status == 0)
            #expect(deployment.stdout.contains("2 desired | 2 updated | 2 total | 2 available | 0 unavailable"))
            #expect(deployment.stdout.contains("ScalingReplicaSet"))
            let pod = try await sandbox.kubectl("describe", "pods", "-l", "app.kubernetes.io/component=postgres")
            #expect(pod.stdout.contains("Running"))
            #expect(pod.stdout.contains("Started container postgres"))
        }
    }

    @Test func getWatchReceivesUpdates() async throws {
        try await SandboxHarness.with { sandbox in
            try await sandbox.waitForRollouts()
            let watching = ["get", "pods", "-w", "-l", "app.kubernetes.io/component=postgres", "--request-timeout=30s"]
            let seen = try await sandbox.withKubectlInBackground(watching) { watch in
                _ = try await sandbox.kubectl("scale", "deploy/todo-chatbot-postgres", "--replicas=2")
                _ = try await sandbox.eventually(["get", "deploy", "todo-chatbot-postgres", "-o", "jsonpath={.status.readyReplicas}"]) { $0.stdout == "2" }
                watch.interrupt()
                return await watch.finish().stdout
            }
            #expect(seen.contains("ContainerCreating") || seen.contains("Pending"))
            #expect(seen.split(separator: "\n").count >= 4)
        }
    }

    @Test func createCommandsThatSendProtobufMakeTheObjectsARealServerWould() async throws {
        try await SandboxHarness.with { sandbox in
            for command in [["create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "--port=80"],
                            ["create", "deployment", "idle", "--image=nginx:1.27", "--replicas=0"],
                            ["expose", "deployment", "web", "--port=80"],
                            ["create", "serviceaccount", "runner"],
                            ["create", "role", "reader", "--verb=get,list", "--resource=pods"],
                            ["create", "rolebinding", "runner-reads", "--role=reader", "--serviceaccount=todo-chatbot:runner"],
                            ["autoscale", "deployment", "web", "--min=2", "--max=4", "--cpu-percent=60"]] {
                let result = try await sandbox.kubectl(command)
                #expect(result.status == 0, "kubectl \(command.joined(separator: " ")): \(result.stderr)")
            }
            let web = try await sandbox.kubectl("rollout", "status", "deploy/web", "--timeout=60s")
            #expect(web.status == 0)
            let idle = try await sandbox.kubectl("get", "deploy", "idle", "-o", "jsonpath={.spec.replicas}")
            #expect(idle.stdout == "0")
            let container = try await sandbox.kubectl("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0]}")
            #expect(container.stdout.contains(#""ports":[{"containerPort":80,"protocol":"TCP"}]"#))
            let service = try await sandbox.kubectl("get", "svc", "web", "-o", "jsonpath={.spec.selector.app} {.spec.ports[0].targetPort}")
            #expect(service.stdout == "web 80")
            let binding = try await sandbox.kubectl("get", "rolebinding", "runner-reads", "-o", "jsonpath={.roleRef.name} {.subjects[0].name}")
            #expect(binding.stdout == "reader runner")
            // autoscale wrote autoscaling/v1; the same object reads back as v2, the preferred version.
            let hpa = try await sandbox.kubectl("get", "hpa", "web", "-o", "jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}")
            #expect(hpa.stdout == "autoscaling/v2 60")
            let v1 = try await sandbox.kubectl("get", "horizontalpodautoscalers.v1.autoscaling", "web", "-o", "jsonpath={.spec.targetCPUUtilizationPercentage}")
            #expect(v1.stdout == "60")
        }
    }
}

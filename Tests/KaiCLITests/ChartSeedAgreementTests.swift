import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// The sandbox's seed is "the todo-chatbot stack as its chart installs it": installing
/// charts/todo-chatbot as release todo-chatbot in namespace todo-chatbot must give the objects
/// the seed holds — names, app.kubernetes.io labels, selectors, containers and ports — since
/// kai resolves "backend", "db" and "frontend" by them.
@Suite("The chart and the sandbox's seed agree", .serialized)
struct ChartSeedAgreementTests {
    /// What kai and people rely on in an object, as comparable text.
    private func shape(_ object: [String: Any]) -> [String: String] {
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        let spec = object["spec"] as? [String: Any] ?? [:]
        var shape: [String: String] = ["name": metadata["name"] as? String ?? ""]
        let labels = (metadata["labels"] as? [String: String] ?? [:]).filter { $0.key.hasPrefix("app.kubernetes.io/") || $0.key == "helm.sh/chart" }
        shape["labels"] = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        switch object["kind"] as? String {
        case "Deployment":
            let selector = (spec["selector"] as? [String: Any])?["matchLabels"] as? [String: String] ?? [:]
            shape["selector"] = selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            let template = spec["template"] as? [String: Any] ?? [:]
            let podLabels = ((template["metadata"] as? [String: Any])?["labels"] as? [String: String] ?? [:]).filter { $0.key.hasPrefix("app.kubernetes.io/") }
            shape["podLabels"] = podLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            let containers = (template["spec"] as? [String: Any])?["containers"] as? [[String: Any]] ?? []
            shape["containers"] = containers.map { container in
                let ports = (container["ports"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "")=\($0["containerPort"] ?? "")/\($0["protocol"] ?? "")" }
                return "\(container["name"] ?? "") \(container["image"] ?? "") \(ports.joined(separator: ","))"
            }.joined(separator: ";")
            shape["strategy"] = (spec["strategy"] as? [String: Any])?["type"] as? String
        case "Service":
            shape["type"] = spec["type"] as? String
            shape["selector"] = (spec["selector"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            shape["ports"] = (spec["ports"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "") \($0["port"] ?? "")->\($0["targetPort"] ?? "")/\($0["protocol"] ?? "")" }
                .joined(separator: ";")
        case "HorizontalPodAutoscaler":
            shape["target"] = "\((spec["scaleTargetRef"] as? [String: Any])?["name"] ?? "")"
            shape["bounds"] = "\(spec["minReplicas"] ?? "")-\(spec["maxReplicas"] ?? "")"
            let metric = (spec["metrics"] as? [[String: Any]])?.first?["resource"] as? [String: Any]
            shape["cpu"] = "\((metric?["target"] as? [String: Any])?["averageUtilization"] ?? "")"
        case "PersistentVolumeClaim":
            shape["size"] = "\(((spec["resources"] as? [String: Any])?["requests"] as? [String: Any])?["storage"] ?? "")"
        case "ConfigMap":
            shape["data"] = (object["data"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        case "Secret":
            shape["keys"] = (object["data"] as? [String: Any] ?? [:]).keys.sorted().joined(separator: ",")
        default:
            break
        }
        return shape
    }

    private func shapes(_ objects: [[String: Any]]) -> [String: [String: String]] {
        Dictionary(objects.map { ("\($0["kind"] ?? "")/\(shape($0)["name"] ?? "")", shape($0)) }) { first, _ in first }
    }

    @Test func installingTheChartGivesTheSeedsObjects() async throws {
        let seeded = try await SandboxServer.seeded()
        let running = try await seeded.start(port: 0)
        let seedKubeconfig = try KaiProcess.temporaryDirectory().appendingPathComponent("seed.kubeconfig").path
        try SandboxKubeconfig.write(server: running.url, to: seedKubeconfig)
        defer { try? FileManager.default.removeItem(atPath: seedKubeconfig) }
        do {
            try await ChartCluster.with { cluster in
                // The seed's Secret has an OpenAI key; give the chart one too, so the keys can be compared.
                let install = try await cluster.install(values: #"{"secrets": {"openaiApiKey": "sk-test-not-a-real-key"}}"#)
                #expect(install["status"] as? String == "deployed", "\(install)")
                let kinds = ["deployments,services,horizontalpodautoscalers,persistentvolumeclaims,configmaps,secrets", "-n", "todo-chatbot",
                             "-l", "app.kubernetes.io/instance=todo-chatbot"]
                let chart = shapes(try await cluster.objects(kinds))
                let seedObjects = try await ChildProcess.run(program: "kubectl", ["--kubeconfig", seedKubeconfig, "get"] + kinds + ["-o", "json"],
                                                             environment: ["HOME": cluster.folder.path])
                let seed = shapes(try #require(try seedObjects.json()["items"] as? [[String: Any]], "\(seedObjects.stderr)"))
                #expect(Set(chart.keys) == Set(seed.keys))
                for (key, expected) in seed.sorted(by: { $0.key < $1.key }) {
                    #expect(chart[key] == expected, "\(key): the chart made \(chart[key] ?? [:]), the seed has \(expected)")
                }
                // The seed runs the deployments' current images at the replica counts the chart starts them with.
                let replicas = try await cluster.kubectl(["-n", "todo-chatbot", "get", "deploy", "todo-chatbot-frontend", "todo-chatbot-postgres",
                                                          "-o", "jsonpath={.items[*].spec.replicas}"])
                #expect(replicas.stdout == TodoStackSeed.components.filter { $0.component != "backend" }.map { String($0.replicas) }.joined(separator: " "))
            }
            await running.stop()
        } catch {
            await running.stop()
            throw error
        }
    }
}

import KaiCore
import KaiKube
import KaiPolicy
import KaiSandbox

/// The cluster the outside corpus is written against: the todo stack with its autoscaler, a second
/// allowed namespace `shop`, and namespaces that exist but the policy does not allow.
enum OutsideWorld {
    static let policy = Policy(namespaces: [TodoStackSeed.namespace, "shop"], targets: ["*"], maxReplicas: 10,
                               disabledOperations: [], source: "the outside corpus's policy")

    static func snapshot() -> ClusterSnapshot {
        var todo = TodoStackSeed.snapshot()
        todo.autoscalers = [AutoscalerSnapshot(name: "todo-chatbot-backend", targetDeployment: "todo-chatbot-backend", min: 2, max: 5, cpuPercent: 70)]
        let shopDeployments = [
            deployment("web-app", replicas: 2, image: "nginx:1.25.3", revision: 2),
            deployment("cart-api", replicas: 1, image: "ghcr.io/acme/cart-api:2.3.1", revision: 1),
        ]
        let shopPods = [("web-app", "7c9d8f6b5d", ["x2k4p", "q8r7s"]), ("cart-api", "5f6d7c8b9a", ["m3n4b"])].flatMap { name, hash, suffixes in
            suffixes.map { PodSnapshot(name: "\(name)-\(hash)-\($0)", labels: ["app": name], deployment: name, phase: "Running") }
        }
        todo.neighbours = [ClusterSnapshot(namespace: "shop", deployments: shopDeployments, pods: shopPods)]
        todo.knownNamespaces = [TodoStackSeed.namespace, "shop", "staging", "default", "kube-system", "kube-public"]
        return todo
    }

    private static func deployment(_ name: String, replicas: Int, image: String, revision: Int) -> DeploymentSnapshot {
        DeploymentSnapshot(name: name, labels: ["app": name], selector: ["app": name], replicas: replicas, readyReplicas: replicas,
                           containers: [ContainerImage(name: name, image: image)], revision: revision)
    }
}

import KaiCore
import KaiKube

/// One workload of the seeded todo-chatbot stack.
public struct SeedComponent: Sendable, Hashable {
    /// The `app.kubernetes.io/component` label, and the deployment's name after the release prefix.
    public let component: String
    public let replicas: Int
    public let containerName: String
    public let containerPort: Int
    /// The images of revisions 1, 2, ...; the last one is running now.
    public let imageHistory: [String]

    /// The current image.
    public var image: String { imageHistory.last ?? "" }
    /// The current rollout revision.
    public var revision: Int { imageHistory.count }
}

/// The todo-chatbot stack as the Helm chart installs it: the cluster `kai plan` resolves
/// names against until a live cluster is used, and the sandbox's starting state.
public enum TodoStackSeed {
    public static let namespace = "todo-chatbot"
    /// The Helm release name, which prefixes every object name.
    public static let release = "todo-chatbot"

    public static let components: [SeedComponent] = [
        SeedComponent(component: "backend", replicas: 2, containerName: "backend", containerPort: 8000,
                      imageHistory: ["todo-backend:1.0.0", "todo-backend:1.1.0"]),
        SeedComponent(component: "frontend", replicas: 1, containerName: "frontend", containerPort: 3000,
                      imageHistory: ["todo-frontend:1.0.0", "todo-frontend:1.1.0", "todo-frontend:1.2.0"]),
        SeedComponent(component: "postgres", replicas: 1, containerName: "postgres", containerPort: 5432,
                      imageHistory: ["postgres:16.4-alpine"]),
    ]

    /// The deployment name of `component`: "todo-chatbot-backend".
    public static func deploymentName(_ component: SeedComponent) -> String { "\(release)-\(component.component)" }

    /// The chart (`helm.sh/chart`) that installs the stack: charts/todo-chatbot's name and version.
    public static let chart = "todo-chatbot-0.1.0"

    /// The standard `app.kubernetes.io/*` labels the chart puts on a component's pods.
    public static func labels(_ component: SeedComponent) -> [String: String] {
        selector(component).merging(["app.kubernetes.io/managed-by": "Helm", "app.kubernetes.io/part-of": "todo-chatbot"]) { $1 }
    }

    /// The labels the chart puts on a component's objects (deployment, service, claim,
    /// autoscaler): the pods' plus `helm.sh/chart` and the version the component runs (its image tag).
    public static func objectLabels(_ component: SeedComponent) -> [String: String] {
        let version = component.image.split(separator: ":").last.map(String.init) ?? ""
        return labels(component).merging(["helm.sh/chart": chart, "app.kubernetes.io/version": version]) { $1 }
    }

    /// The labels of the objects the whole release shares (ConfigMap, Secret).
    public static var releaseLabels: [String: String] {
        ["helm.sh/chart": chart, "app.kubernetes.io/name": "todo-chatbot", "app.kubernetes.io/instance": release,
         "app.kubernetes.io/managed-by": "Helm", "app.kubernetes.io/part-of": "todo-chatbot"]
    }

    /// The name of the container port (and service port) of `component`: "http", or "postgres".
    public static func portName(_ component: SeedComponent) -> String {
        component.component == "postgres" ? "postgres" : "http"
    }

    /// The deployment's `spec.selector.matchLabels`.
    public static func selector(_ component: SeedComponent) -> [String: String] {
        ["app.kubernetes.io/name": "todo-chatbot", "app.kubernetes.io/instance": release, componentLabel: component.component]
    }

    /// Pod names as a ReplicaSet would make them: deployment, template hash, random suffix (here seeded).
    public static func podNames(_ component: SeedComponent) -> [String] {
        let deployment = deploymentName(component)
        let templateHash = KubeNameSuffix.make(from: "\(deployment)#\(component.revision)", length: 10)
        return (0..<component.replicas).map { index in
            "\(deployment)-\(templateHash)-\(KubeNameSuffix.make(from: "\(deployment)#\(component.revision)#\(index)", length: 5))"
        }
    }

    /// The seed as the resolver sees it: every deployment ready, every pod running.
    public static func snapshot() -> ClusterSnapshot {
        let deployments = components.map { component in
            DeploymentSnapshot(name: deploymentName(component), labels: objectLabels(component), selector: selector(component),
                               replicas: component.replicas, readyReplicas: component.replicas,
                               containers: [ContainerImage(name: component.containerName, image: component.image, resources: resourceValues(component))],
                               revision: component.revision)
        }
        let hpa = SeedObjects.backendAutoscaler
        let autoscaler = AutoscalerSnapshot(name: hpa[path: "metadata.name"].string ?? "", targetDeployment: hpa[path: "spec.scaleTargetRef.name"].string ?? "",
                                            min: hpa[path: "spec.minReplicas"].int ?? 1, max: hpa[path: "spec.maxReplicas"].int ?? 1,
                                            cpuPercent: (hpa[path: "spec.metrics"].array?.first?[path: "resource.target.averageUtilization"].int))
        let pods = components.flatMap { component in
            podNames(component).map { PodSnapshot(name: $0, labels: labels(component), deployment: deploymentName(component), phase: "Running") }
        }
        return ClusterSnapshot(namespace: namespace, deployments: deployments, pods: pods, autoscalers: [autoscaler])
    }

    /// The requests and limits the seed gives `component`'s container.
    private static func resourceValues(_ component: SeedComponent) -> ContainerResourceValues {
        let resources = SeedObjects.resources(component)
        return ContainerResourceValues(requests: resources["requests"].stringMap, limits: resources["limits"].stringMap)
    }
}

import Foundation
import KaiKube

extension Evidence {
    /// The deployment called `name`.
    func deployment(_ name: String) -> Deployment? { deployments.first { $0.metadata.name == name } }

    /// The replica sets `deployment` owns, newest revision first.
    func replicaSets(of deployment: Deployment) -> [ReplicaSet] {
        replicaSets.filter { $0.isOwned(by: deployment) }.sorted { ($0.revision ?? 0) > ($1.revision ?? 0) }
    }

    /// The pods of `deployment`: those its replica sets own, sorted by name.
    func pods(of deployment: Deployment) -> [Pod] {
        let sets = Set(replicaSets(of: deployment).map(\.metadata.name))
        let selector = deployment.spec.selector?.matchLabels ?? [:]
        return pods.filter { pod in
            if let owner = pod.metadata.controller, owner.kind == "ReplicaSet" { return sets.contains(owner.name) }
            return !selector.isEmpty && selector.allSatisfy { pod.metadata.labels?[$0.key] == $0.value }
        }.sorted { $0.metadata.name < $1.metadata.name }
    }

    /// The deployment a pod belongs to, through its replica set.
    func deployment(owning pod: Pod) -> Deployment? {
        guard let owner = pod.metadata.controller, owner.kind == "ReplicaSet",
              let set = replicaSets.first(where: { $0.metadata.name == owner.name }),
              let deploymentName = set.metadata.controller?.name else { return nil }
        return deployment(deploymentName)
    }

    /// The pods no deployment owns.
    var standalonePods: [Pod] { pods.filter { deployment(owning: $0) == nil } }

    /// Events about the object `kind`/`name`, oldest first.
    func events(about kind: String, _ name: String) -> [Event] {
        events.filter { $0.involvedObject.kind == kind && $0.involvedObject.name == name }
            .sorted { ($0.time ?? .distantPast) < ($1.time ?? .distantPast) }
    }

    /// The Services whose selector matches `labels`.
    func services(selecting labels: [String: String]) -> [Service] {
        services.filter { service in
            guard let selector = service.spec.selector, !selector.isEmpty else { return false }
            return selector.allSatisfy { labels[$0.key] == $0.value }
        }
    }

    /// The pods a Service's selector matches.
    func pods(selectedBy service: Service) -> [Pod] {
        guard let selector = service.spec.selector, !selector.isEmpty else { return [] }
        return pods.filter { pod in selector.allSatisfy { pod.metadata.labels?[$0.key] == $0.value } }
    }

    /// The autoscaler that scales deployment `name`.
    func autoscaler(of name: String) -> Autoscaler? { autoscalers.first { $0.targets(name) } }

    /// The log tails of `pod`'s `container`, previous run first.
    func logs(of pod: String, _ container: String) -> [ContainerLog] {
        logs.filter { $0.pod == pod && $0.container == container }.sorted { $0.previous && !$1.previous }
    }

    /// The endpoints object of Service `name`.
    func endpoints(of name: String) -> Endpoints? { endpoints?.first { $0.metadata.name == name } }

    /// The observed usage of `container` in `pod`, from the metrics API.
    func usage(of pod: String, _ container: String) -> [String: String]? {
        metrics?.first { $0.metadata.name == pod }?.containers.first { $0.name == container }?.usage
    }

    /// The identity of a deployment, pod or other object of this namespace.
    func identity(_ kind: String, _ name: String) -> ObjectIdentity {
        ObjectIdentity(kind: kind, namespace: target.namespace, name: name)
    }
}

extension Pod {
    /// The container spec called `name`.
    func container(_ name: String) -> PodTemplate.Container? { spec?.containers?.first { $0.name == name } }
}

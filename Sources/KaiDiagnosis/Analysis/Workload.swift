import KaiKube

/// What the analyzers look at: a deployment with its pods in view (all of them, or the one pod
/// asked about), or a pod no deployment owns.
struct Workload: Sendable {
    let deployment: Deployment?
    let pods: [Pod]
    /// The deployment, or the pod when it has none.
    let identity: ObjectIdentity

    /// The name people know it by.
    var name: String { identity.name }
    /// The labels its pods carry (the template's, or the pod's own).
    var podLabels: [String: String] {
        deployment?.spec.template.metadata?.labels ?? pods.first?.metadata.labels ?? [:]
    }

    /// "deployment todo-chatbot-backend", "pod web-1".
    var description: String { identity.description }

    /// The workloads a diagnosis of `evidence.target` covers: the deployment, the pod (with its
    /// deployment, if any), or every deployment and lone pod of the namespace.
    static func subjects(of evidence: Evidence) -> [Workload] {
        switch evidence.target.object {
        case let object? where object.kind == .deployment:
            return evidence.deployment(object.name).map { [workload($0, in: evidence)] } ?? []
        case let object?:
            guard let pod = evidence.pods.first(where: { $0.metadata.name == object.name }) else { return [] }
            let owner = evidence.deployment(owning: pod)
            return [Workload(deployment: owner, pods: [pod], identity: owner.map { evidence.identity("Deployment", $0.metadata.name) }
                                                                         ?? evidence.identity("Pod", pod.metadata.name))]
        case nil:
            return evidence.deployments.sorted { $0.metadata.name < $1.metadata.name }.map { workload($0, in: evidence) }
                + evidence.standalonePods.map { Workload(deployment: nil, pods: [$0], identity: evidence.identity("Pod", $0.metadata.name)) }
        }
    }

    /// `deployment` with all its pods.
    static func workload(_ deployment: Deployment, in evidence: Evidence) -> Workload {
        Workload(deployment: deployment, pods: evidence.pods(of: deployment), identity: evidence.identity("Deployment", deployment.metadata.name))
    }
}

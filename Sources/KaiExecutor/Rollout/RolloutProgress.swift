import KaiKube

/// Decides from a deployment's status (and its newest pods) whether its rollout is done, still
/// going, or stuck — `kubectl rollout status`'s rules, plus the pod states that mean it will not finish.
enum RolloutProgress: Equatable {
    case complete(String)
    case progressing(String)
    case failed(reason: String, message: String)

    /// Waiting reasons of a container that mean the new pods will not become ready by themselves.
    static let stuckReasons: Set<String> = ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName",
                                            "CreateContainerConfigError", "CreateContainerError", "RunContainerError"]

    /// The state of `deployment`'s rollout; `newPods` are the pods of its newest replica set.
    static func evaluate(_ deployment: Deployment, newPods: [Pod]) -> RolloutProgress {
        let name = deployment.metadata.name
        let status = deployment.status
        if let generation = deployment.metadata.generation, (status?.observedGeneration ?? 0) < generation {
            return .progressing("waiting for the deployment controller to see the change")
        }
        if let progressing = status?.conditions?["Progressing"], progressing.reason == "ProgressDeadlineExceeded" {
            return .failed(reason: "ProgressDeadlineExceeded",
                           message: "Deployment \(name) exceeded its progress deadline: \(progressing.message ?? "no progress").")
        }
        if let stuck = stuckPod(newPods) { return stuck }
        let desired = deployment.desiredReplicas
        let updated = status?.updatedReplicas ?? 0
        let total = status?.replicas ?? 0
        let available = status?.availableReplicas ?? 0
        if updated < desired {
            return .progressing("\(updated) of \(desired) new replicas have been updated")
        }
        if total > updated {
            return .progressing("\(total - updated) old \(total - updated == 1 ? "replica is" : "replicas are") pending termination")
        }
        if available < updated {
            return .progressing("\(available) of \(updated) updated replicas are available")
        }
        // A scale-down is done when the surplus pods are gone, not when the spec says fewer.
        let surplus = max(total, available, newPods.count) - desired
        if surplus > 0 {
            return .progressing("\(surplus) surplus \(surplus == 1 ? "replica is" : "replicas are") terminating")
        }
        return .complete("Deployment \(name) rolled out: \(available) of \(desired) \(desired == 1 ? "replica" : "replicas") available.")
    }

    /// Whether deleted pod `victim` is gone and replaced: as many other pods ready as the deployment wants.
    static func replacement(of victim: String, in deployment: Deployment, pods: [Pod]) -> RolloutProgress {
        if pods.contains(where: { $0.metadata.name == victim }) { return .progressing("pod \(victim) is still terminating") }
        let desired = deployment.desiredReplicas
        let ready = pods.filter(\.isReady).count
        guard ready >= desired else { return .progressing("\(ready) of \(desired) pods are ready after replacing \(victim)") }
        return .complete("Deployment \(deployment.metadata.name) replaced pod \(victim): \(ready) of \(desired) \(desired == 1 ? "pod" : "pods") ready.")
    }

    /// The first new pod stuck in a state it will not leave by itself.
    static func stuckPod(_ pods: [Pod]) -> RolloutProgress? {
        for pod in pods.sorted(by: { $0.metadata.name < $1.metadata.name }) {
            for container in pod.containerStatuses {
                if let reason = container.state?.waiting?.reason, stuckReasons.contains(reason) {
                    let detail = container.state?.waiting?.message.map { ": \(ClusterText.clip($0))" } ?? ""
                    return .failed(reason: reason, message: "Pod \(pod.metadata.name) is in \(reason) (container \(container.name)\(detail)).")
                }
                if let last = container.lastState?.terminated, last.reason == "OOMKilled", container.restartCount > 0, !container.ready {
                    return .failed(reason: "OOMKilled", message: "Pod \(pod.metadata.name) was killed for running out of memory (container \(container.name)).")
                }
            }
        }
        return nil
    }
}

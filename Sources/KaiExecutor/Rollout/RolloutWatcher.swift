import KaiCore
import KaiKube

/// Follows a deployment's rollout until it completes, fails or the deadline passes: it watches
/// the deployment and, between its changes, looks at the newest replica set's pods for states
/// that mean the rollout will not finish (crash loops, images that cannot be pulled).
struct RolloutWatcher: Sendable {
    let client: KubeClient
    let timeout: Duration
    /// The longest wait between two looks at the pods.
    var tick: Duration = .seconds(1)
    let progress: @Sendable (RolloutUpdate) -> Void

    /// Follows deployment `name`; with `replacing`, also waits until that deleted pod is gone and
    /// enough other pods are ready, since deleting a pod leaves the deployment's status unchanged at first.
    func follow(deployment name: String, in namespace: String, replacing deletedPod: String? = nil) async throws -> RolloutOutcome {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        var lastUpdate: RolloutUpdate?
        while true {
            let deployment = try await client.get(Deployment.self, .deployments, name, in: namespace)
            let pods = try await DeploymentReader.newestPods(of: deployment, client: client)
            var state = RolloutProgress.evaluate(deployment, newPods: pods)
            if let deletedPod, case .complete = state {
                state = RolloutProgress.replacement(of: deletedPod, in: deployment, pods: pods)
            }
            switch state {
            case .complete(let message):
                return .complete(message)
            case .failed(let reason, let message):
                return .failed(reason: reason, message: message)
            case .progressing(let message):
                let update = RolloutUpdate(deployment: name, ready: pods.filter(\.isReady).count,
                                           desired: deployment.desiredReplicas, message: message)
                if update != lastUpdate { progress(update) }
                lastUpdate = update
                last = message
            }
            guard clock.now < deadline else {
                return .timedOut("Deployment \(name) did not finish rolling out within \(timeout.secondsText): \(last).")
            }
            try await waitForChange(of: deployment, until: min(deadline, clock.now + tick))
        }
    }

    /// Returns at the deployment's next change, or at `until`, whichever comes first: the server
    /// ends a watch only at whole seconds, so the deadline is kept on this side.
    private func waitForChange(of deployment: Deployment, until: ContinuousClock.Instant) async throws {
        let remaining = ContinuousClock().now.duration(to: until)
        guard remaining > .zero else { return }
        let events = client.watch(Deployment.self, .deployments, in: deployment.metadata.namespace ?? "",
                                  fieldSelector: "metadata.name=\(deployment.metadata.name)",
                                  resourceVersion: deployment.metadata.resourceVersion, timeout: max(remaining, .seconds(1)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await _ in events { return }
                } catch let error as KubeError where error.reason == .expired {
                    return
                }
            }
            group.addTask { try await Task.sleep(until: until, clock: .continuous) }
            try await group.next()
            group.cancelAll()
        }
    }
}

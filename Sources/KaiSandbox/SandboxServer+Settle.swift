import Foundation

extension SandboxServer {
    /// Waits until every deployment's pods are available, as a cluster that has been up for a
    /// while would be: the first request kai plans against an in-process sandbox then sees
    /// running pods, not ones still starting. Returns at `timeout` either way (a deployment with
    /// an injected fault never settles).
    public func settle(timeout: Duration = .seconds(15)) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, !Task.isCancelled {
            let deployments = await store.all(ResourceCatalog.deployment)
            let settled = !deployments.isEmpty && deployments.allSatisfy { deployment in
                let wanted = deployment[path: "spec.replicas"].int ?? 1
                return deployment[path: "status.availableReplicas"].int ?? 0 == wanted
                    && deployment[path: "status.updatedReplicas"].int ?? 0 == wanted
                    && deployment[path: "status.replicas"].int ?? 0 == wanted
            }
            if settled { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}

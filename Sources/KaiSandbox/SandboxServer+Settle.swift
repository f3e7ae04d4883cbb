import Foundation

extension SandboxServer {
    /// Waits until every deployment is in its steady state, as a cluster that has been up for a
    /// while would be: the first request kai plans against an in-process sandbox then sees
    /// running pods, not ones still starting. A deployment without a fault settles when its pods
    /// are available; one with a fault when every pod shows it (see ``Fault``), since it never
    /// gets ready. Returns at `timeout` either way.
    public func settle(timeout: Duration = .seconds(15)) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, !Task.isCancelled {
            if await isSettled() { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Whether every deployment is in its steady state now.
    func isSettled() async -> Bool {
        let deployments = await store.all(ResourceCatalog.deployment)
        guard !deployments.isEmpty else { return false }
        let pods = await store.all(ResourceCatalog.pod)
        var events: [JSONValue]?
        for deployment in deployments {
            let wanted = deployment[path: "spec.replicas"].int ?? 1
            let component = deployment[path: "metadata.labels"].stringMap["app.kubernetes.io/component"] ?? ""
            guard let fault = await faults.fault(for: component) else {
                let available = deployment[path: "status.availableReplicas"].int ?? 0 == wanted
                    && deployment[path: "status.updatedReplicas"].int ?? 0 == wanted
                    && deployment[path: "status.replicas"].int ?? 0 == wanted
                if !available { return false }
                continue
            }
            let selector = deployment[path: "spec.selector.matchLabels"].stringMap
            let owned = pods.filter { LabelMatch.selects(selector, $0) && $0[path: "metadata.namespace"] == deployment[path: "metadata.namespace"] }
            if events == nil { events = await store.all(ResourceCatalog.event) }
            let shown = owned.filter { fault.isShown(by: $0, component: component, events: events ?? []) }
            if wanted > 0, owned.count < wanted || shown.count < wanted { return false }
        }
        return true
    }
}

/// Puts a fault into effect: records it, changes the state it needs (a Secret key removed for
/// `missing-secret`), and at run time recycles the component's pods so new ones meet it.
public struct FaultInjector: Sendable {
    let store: ObjectStore
    let faults: FaultBook

    public init(store: ObjectStore, faults: FaultBook) {
        self.store = store
        self.faults = faults
    }

    /// Injects `fault` into `component`'s pods; `running` means the cluster is already up.
    public func inject(_ fault: Fault, into component: String, running: Bool) async throws {
        await faults.set(fault, for: component)
        if fault == .missingSecret { try await removeSecretKey(of: component) }
        if running, [.imagepull, .pending, .missingSecret].contains(fault) { await recyclePods(of: component) }
    }

    /// Ends `component`'s fault. What it changed in the state (a removed key) stays changed: that is the fix to make.
    public func clear(_ component: String) async {
        await faults.set(nil, for: component)
    }

    /// Removes the first key the component's containers read from a Secret.
    private func removeSecretKey(of component: String) async throws {
        for deployment in await store.all(ResourceCatalog.deployment) where deployment[path: "metadata.labels"].stringMap["app.kubernetes.io/component"] == component {
            let namespace = deployment[path: "metadata.namespace"].string
            let references = (deployment[path: "spec.template.spec.containers"].array ?? []).flatMap { $0["env"].array ?? [] }
                .compactMap { $0[path: "valueFrom.secretKeyRef"].object }
            guard let reference = references.last, let name = reference["name"]?.string, let key = reference["key"]?.string else { continue }
            var secret = try await store.get(ResourceCatalog.secret, namespace: namespace, name: name)
            secret["data"][key] = .null
            try await store.update(ResourceCatalog.secret, namespace: namespace, name: name, secret)
        }
    }

    private func recyclePods(of component: String) async {
        for pod in await store.all(ResourceCatalog.pod) where Kubelet.component(pod) == component {
            _ = try? await store.delete(ResourceCatalog.pod, namespace: pod[path: "metadata.namespace"].string, name: pod[path: "metadata.name"].string ?? "")
        }
    }
}

/// Service -> Endpoints: the addresses of the ready pods its selector matches (not-ready ones apart).
struct EndpointsController: Sendable {
    let store: ObjectStore

    func reconcile() async {
        for service in await store.all(ResourceCatalog.service) {
            let selector = service[path: "spec.selector"].stringMap
            guard !selector.isEmpty else { continue }
            let namespace = service[path: "metadata.namespace"].string
            let name = service[path: "metadata.name"].string ?? ""
            let pods = await store.all(ResourceCatalog.pod, namespace: namespace).filter { pod in
                LabelMatch.selects(selector, pod) && pod[path: "status.podIP"].string != nil
            }
            let address = { (pod: JSONValue) -> JSONValue in
                ["ip": pod[path: "status.podIP"], "nodeName": pod[path: "spec.nodeName"],
                 "targetRef": ["kind": "Pod", "namespace": pod[path: "metadata.namespace"], "name": pod[path: "metadata.name"], "uid": pod[path: "metadata.uid"]]]
            }
            let ports: [JSONValue] = (service[path: "spec.ports"].array ?? []).map { port in
                ["name": port["name"], "port": Self.targetPort(port, pods: pods), "protocol": port["protocol"]]
            }
            var subset: JSONValue = ["ports": .array(ports)]
            let ready = pods.filter(Kubelet.isReady), notReady = pods.filter { !Kubelet.isReady($0) }
            if !ready.isEmpty { subset["addresses"] = .array(ready.map(address)) }
            if !notReady.isEmpty { subset["notReadyAddresses"] = .array(notReady.map(address)) }
            let endpoints: JSONValue = ["metadata": ["name": .string(name), "namespace": service[path: "metadata.namespace"],
                                                     "labels": service[path: "metadata.labels"]],
                                        "subsets": pods.isEmpty ? [] : [subset]]
            if let current = try? await store.get(ResourceCatalog.endpoints, namespace: namespace, name: name) {
                var next = current
                next["subsets"] = endpoints["subsets"]
                if next != current { _ = try? await store.update(ResourceCatalog.endpoints, namespace: namespace, name: name, next) }
            } else {
                _ = try? await store.create(ResourceCatalog.endpoints, namespace: namespace, endpoints)
            }
        }
    }

    /// The port the endpoints serve on: the service port's `targetPort`, a named one being the
    /// number of the selected pods' container port of that name, as the real controller resolves it.
    private static func targetPort(_ port: JSONValue, pods: [JSONValue]) -> JSONValue {
        if let number = port["targetPort"].int { return .int(Int64(number)) }
        if let name = port["targetPort"].string {
            let containers = pods.flatMap { $0[path: "spec.containers"].array ?? [] }
            if let match = containers.flatMap({ $0["ports"].array ?? [] }).first(where: { $0["name"].string == name }) {
                return match["containerPort"]
            }
        }
        return port["port"]
    }
}

import Foundation

/// Records core/v1 Events as the real controllers and kubelet do; a repeat of the same reason and
/// message for the same object bumps `count` and `lastTimestamp` instead of adding an event.
struct EventRecorder: Sendable {
    let store: ObjectStore

    func record(_ object: JSONValue, type: String = "Normal", reason: String, message: String, component: String) async {
        let namespace = object[path: "metadata.namespace"].string ?? "default"
        let uid = object[path: "metadata.uid"].string ?? ""
        let now = Timestamp.format(Date())
        let existing = await store.first(ResourceCatalog.event, namespace: namespace) {
            $0["involvedObject"]["uid"].string == uid && $0["reason"].string == reason && $0["message"].string == message
        }
        if var event = existing {
            // A repeat within two seconds (a probe failing every tick) is the same occurrence.
            if let last = event["lastTimestamp"].string.flatMap(Timestamp.parse), Date().timeIntervalSince(last) < 2 { return }
            event["count"] = .int(Int64((event["count"].int ?? 1) + 1))
            event["lastTimestamp"] = .string(now)
            _ = try? await store.update(ResourceCatalog.event, namespace: namespace, name: event[path: "metadata.name"].string ?? "", event)
            return
        }
        let name = "\(object[path: "metadata.name"].string ?? "object").\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
        let event: JSONValue = [
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "involvedObject": ["kind": object["kind"], "namespace": .string(namespace), "name": object[path: "metadata.name"],
                               "uid": .string(uid), "apiVersion": object["apiVersion"],
                               "resourceVersion": object[path: "metadata.resourceVersion"]],
            "reason": .string(reason), "message": .string(message), "type": .string(type),
            "source": ["component": .string(component), "host": component == "kubelet" ? .string(SandboxNode.name) : .null],
            "firstTimestamp": .string(now), "lastTimestamp": .string(now), "count": 1,
            "reportingComponent": .string(component), "reportingInstance": component == "kubelet" ? .string(SandboxNode.name) : "",
        ]
        _ = try? await store.create(ResourceCatalog.event, namespace: namespace, event)
    }
}

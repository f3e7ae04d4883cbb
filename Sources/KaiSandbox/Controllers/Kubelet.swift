import Foundation

/// The scheduler and kubelet in one: binds pending pods to the node when their requests fit,
/// then moves their containers from ContainerCreating to Running and Ready, with the events a
/// real kubelet emits.
struct Kubelet: Sendable {
    let store: ObjectStore
    let events: EventRecorder
    /// From scheduling to the containers running, and from running to ready.
    static let startDelay: TimeInterval = 1
    static let readyDelay: TimeInterval = 1

    static func isReady(_ pod: JSONValue) -> Bool {
        (pod[path: "status.conditions"].array ?? []).contains { $0["type"].string == "Ready" && $0["status"].string == "True" }
    }

    func reconcile() async {
        let pods = await store.all(ResourceCatalog.pod)
        var used = Resources.used(by: pods.filter { $0[path: "spec.nodeName"].string != nil })
        for pod in pods {
            if pod[path: "spec.nodeName"].string == nil {
                let requested = Resources.requests(of: pod)
                if used.fits(requested) {
                    used = used + requested
                    await bind(pod)
                } else {
                    await unschedulable(pod, requested: requested, used: used)
                }
            } else {
                await advance(pod)
            }
        }
    }

    private func bind(_ pod: JSONValue) async {
        let now = Timestamp.format(Date())
        var next = pod
        next[path: "spec.nodeName"] = .string(SandboxNode.name)
        next["status"] = ["phase": "Pending", "qosClass": pod[path: "status.qosClass"], "hostIP": "192.168.49.2",
                          "conditions": [["type": "PodScheduled", "status": "True", "lastTransitionTime": .string(now)]],
                          "containerStatuses": .array(containers(pod).map { container in
                              ["name": container["name"], "image": container["image"], "imageID": "", "ready": false, "started": false,
                               "restartCount": 0, "state": ["waiting": ["reason": "ContainerCreating"]]]
                          })]
        guard let bound = try? await store.replace(ResourceCatalog.pod, namespace: pod[path: "metadata.namespace"].string,
                                                   name: pod[path: "metadata.name"].string ?? "", next) else { return }
        await events.record(bound, reason: "Scheduled",
                            message: "Successfully assigned \(pod[path: "metadata.namespace"].string ?? "")/\(pod[path: "metadata.name"].string ?? "") to \(SandboxNode.name)",
                            component: "default-scheduler")
        for container in containers(pod) {
            await events.record(bound, reason: "Pulling", message: "Pulling image \"\(container["image"].string ?? "")\"", component: "kubelet")
        }
    }

    private func unschedulable(_ pod: JSONValue, requested: Resources, used: Resources) async {
        guard (pod[path: "status.conditions"].array ?? []).isEmpty else { return }
        var short: [String] = []
        if used.cpuMillis + requested.cpuMillis > SandboxNode.cpuMillis { short.append("Insufficient cpu") }
        if used.memoryMiB + requested.memoryMiB > SandboxNode.memoryMiB { short.append("Insufficient memory") }
        let message = "0/1 nodes are available: \(short.map { "1 \($0)" }.joined(separator: ", ")). preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
        var next = pod
        next["status"] = ["phase": "Pending", "qosClass": pod[path: "status.qosClass"],
                          "conditions": [["type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": .string(message),
                                          "lastTransitionTime": .string(Timestamp.format(Date()))]]]
        guard let stored = try? await store.replace(ResourceCatalog.pod, namespace: pod[path: "metadata.namespace"].string,
                                                    name: pod[path: "metadata.name"].string ?? "", next) else { return }
        await events.record(stored, type: "Warning", reason: "FailedScheduling", message: message, component: "default-scheduler")
    }

    /// ContainerCreating -> Running -> Ready, each after its delay.
    private func advance(_ pod: JSONValue) async {
        let now = Date()
        let conditions = pod[path: "status.conditions"].array ?? []
        let scheduledAt = conditions.first { $0["type"].string == "PodScheduled" }?["lastTransitionTime"].string.flatMap(Timestamp.parse) ?? now
        let statuses = pod[path: "status.containerStatuses"].array ?? []
        let running = statuses.compactMap { $0[path: "state.running.startedAt"].string.flatMap(Timestamp.parse) }
        var next = pod
        if running.isEmpty, now.timeIntervalSince(scheduledAt) >= Self.startDelay {
            let started = Timestamp.format(now)
            next[path: "status.phase"] = "Running"
            next[path: "status.startTime"] = .string(Timestamp.format(scheduledAt))
            next[path: "status.podIP"] = .string(PodAddress.ip(for: pod[path: "metadata.name"].string ?? ""))
            next[path: "status.podIPs"] = [["ip": next[path: "status.podIP"]]]
            next[path: "status.containerStatuses"] = .array(statuses.map { status in
                var status = status
                status["state"] = ["running": ["startedAt": .string(started)]]
                status["started"] = true
                status["imageID"] = .string("docker.io/library/\(status["image"].string ?? "")@sha256:\(String(repeating: "0", count: 64))")
                status["containerID"] = .string("containerd://\(String(UInt64.random(in: 0...UInt64.max), radix: 16))")
                return status
            })
            next[path: "status.conditions"] = .array(conditions + [
                ["type": "Initialized", "status": "True", "lastTransitionTime": .string(started)],
                ["type": "ContainersReady", "status": "False", "reason": "ContainersNotReady", "lastTransitionTime": .string(started)],
                ["type": "Ready", "status": "False", "reason": "ContainersNotReady", "lastTransitionTime": .string(started)],
            ])
            guard let stored = await save(pod, next) else { return }
            for container in containers(pod) {
                let name = container["name"].string ?? "", image = container["image"].string ?? ""
                await events.record(stored, reason: "Pulled", message: "Successfully pulled image \"\(image)\" in 1.2s (1.2s including waiting). Image size: 52428800 bytes.", component: "kubelet")
                await events.record(stored, reason: "Created", message: "Created container: \(name)", component: "kubelet")
                await events.record(stored, reason: "Started", message: "Started container \(name)", component: "kubelet")
            }
        } else if let started = running.max(), !Self.isReady(pod), now.timeIntervalSince(started) >= Self.readyDelay {
            let readyAt = Timestamp.format(now)
            next[path: "status.containerStatuses"] = .array(statuses.map { status in
                var status = status
                status["ready"] = true
                return status
            })
            next[path: "status.conditions"] = .array(conditions.map { condition in
                guard ["Ready", "ContainersReady"].contains(condition["type"].string ?? "") else { return condition }
                return ["type": condition["type"], "status": "True", "lastTransitionTime": .string(readyAt)]
            })
            _ = await save(pod, next)
        }
    }

    private func save(_ pod: JSONValue, _ next: JSONValue) async -> JSONValue? {
        try? await store.replace(ResourceCatalog.pod, namespace: pod[path: "metadata.namespace"].string,
                                 name: pod[path: "metadata.name"].string ?? "", next)
    }

    private func containers(_ pod: JSONValue) -> [JSONValue] { pod[path: "spec.containers"].array ?? [] }
}

/// Pod IPs in the node's pod CIDR, stable per pod name.
enum PodAddress {
    static func ip(for name: String) -> String { "10.244.0.\(ComponentLogs.stableHash(name) % 250 + 3)" }
}

/// CPU and memory requests, in millicores and MiB.
struct Resources: Sendable {
    var cpuMillis: Int
    var memoryMiB: Int

    static func + (lhs: Resources, rhs: Resources) -> Resources {
        Resources(cpuMillis: lhs.cpuMillis + rhs.cpuMillis, memoryMiB: lhs.memoryMiB + rhs.memoryMiB)
    }

    func fits(_ more: Resources) -> Bool {
        cpuMillis + more.cpuMillis <= SandboxNode.cpuMillis && memoryMiB + more.memoryMiB <= SandboxNode.memoryMiB
    }

    static func used(by pods: [JSONValue]) -> Resources {
        pods.reduce(Resources(cpuMillis: 0, memoryMiB: 0)) { $0 + requests(of: $1) }
    }

    static func requests(of pod: JSONValue) -> Resources {
        (pod[path: "spec.containers"].array ?? []).reduce(Resources(cpuMillis: 0, memoryMiB: 0)) { total, container in
            total + Resources(cpuMillis: Quantity.millicores(container[path: "resources.requests.cpu"].string),
                              memoryMiB: Quantity.mebibytes(container[path: "resources.requests.memory"].string))
        }
    }
}

/// Kubernetes resource quantities: "100m", "2", "256Mi", "1Gi", "500M".
enum Quantity {
    static func millicores(_ text: String?) -> Int {
        guard let text, !text.isEmpty else { return 0 }
        if text.hasSuffix("m") { return Int(text.dropLast()) ?? 0 }
        return Int((Double(text) ?? 0) * 1000)
    }

    static func mebibytes(_ text: String?) -> Int {
        guard let text, !text.isEmpty else { return 0 }
        let units: [(String, Double)] = [("Ki", 1.0 / 1024), ("Mi", 1), ("Gi", 1024), ("Ti", 1_048_576), ("k", 1000.0 / 1_048_576),
                                         ("M", 1_000_000.0 / 1_048_576), ("G", 1_000_000_000.0 / 1_048_576)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Int((Double(text.dropLast(suffix.count)) ?? 0) * factor)
        }
        return Int((Double(text) ?? 0) / 1_048_576)
    }
}

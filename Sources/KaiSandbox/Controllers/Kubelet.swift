import Foundation

/// The scheduler and kubelet in one: binds pending pods to the node when their requests fit,
/// then drives each container through what a real kubelet reports — ContainerCreating, image
/// pulls, config errors, Running, Ready, crashes with growing back-off, OOM kills, failing
/// probes — with the events it emits. Faults and the cluster's own state decide which.
struct Kubelet: Sendable {
    let store: ObjectStore
    let events: EventRecorder
    let faults: FaultBook
    let timing: KubeletTiming
    let clock: TransitionClock

    static func isReady(_ pod: JSONValue) -> Bool {
        (pod[path: "status.conditions"].array ?? []).contains { $0["type"].string == "Ready" && $0["status"].string == "True" }
    }

    static func component(_ pod: JSONValue) -> String {
        pod[path: "metadata.labels"].stringMap["app.kubernetes.io/component"] ?? ""
    }

    func reconcile() async {
        let pods = await store.all(ResourceCatalog.pod)
        clock.retain(podUIDs: Set(pods.compactMap { $0[path: "metadata.uid"].string }))
        var used = Resources.used(by: pods.filter { $0[path: "spec.nodeName"].string != nil })
        var configuration = NamespaceConfiguration(store: store)
        for pod in pods {
            var fault = await faults.fault(for: Self.component(pod))
            if fault == .oom, Fault.outgrowsOOM(pod, component: Self.component(pod)) { fault = nil }
            if pod[path: "spec.nodeName"].string == nil {
                var requested = Resources.requests(of: pod)
                if fault == .pending { requested.cpuMillis += SandboxNode.cpuMillis * 2 }
                if used.fits(requested) {
                    used = used + requested
                    await bind(pod)
                } else {
                    await unschedulable(pod, requested: requested, used: used)
                }
            } else {
                await advance(pod, fault: fault, configuration: &configuration)
            }
        }
    }

    // MARK: Scheduling

    private func bind(_ pod: JSONValue) async {
        let now = clock.stamp(Date(), key: "\(pod[path: "metadata.uid"].string ?? "")/scheduled")
        var next = pod
        next[path: "spec.nodeName"] = .string(SandboxNode.name)
        next["status"] = ["phase": "Pending", "qosClass": pod[path: "status.qosClass"], "hostIP": "192.168.49.2",
                          "conditions": [["type": "PodScheduled", "status": "True", "lastTransitionTime": .string(now)]],
                          "containerStatuses": .array(containers(pod).map { container in
                              ["name": container["name"], "image": container["image"], "imageID": "", "ready": false, "started": false,
                               "restartCount": 0, "state": ["waiting": ["reason": "ContainerCreating"]]]
                          })]
        guard let bound = await save(pod, next) else { return }
        await events.record(bound, reason: "Scheduled",
                            message: "Successfully assigned \(pod[path: "metadata.namespace"].string ?? "")/\(pod[path: "metadata.name"].string ?? "") to \(SandboxNode.name)",
                            component: "default-scheduler")
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
        guard let stored = await save(pod, next) else { return }
        await events.record(stored, type: "Warning", reason: "FailedScheduling", message: message, component: "default-scheduler")
    }

    // MARK: Containers

    private func advance(_ pod: JSONValue, fault: Fault?, configuration: inout NamespaceConfiguration) async {
        let now = Date()
        let conditions = pod[path: "status.conditions"].array ?? []
        let scheduled = conditions.first { $0["type"].string == "PodScheduled" }?["lastTransitionTime"].string
        let scheduledAt = clock.moment(of: scheduled, key: "\(pod[path: "metadata.uid"].string ?? "")/scheduled") ?? now
        guard now.timeIntervalSince(scheduledAt) >= timing.start else { return }
        let namespace = pod[path: "metadata.namespace"].string ?? "default"
        let (secrets, configMaps) = await configuration.objects(in: namespace)
        var happened: [(type: String, reason: String, message: String)] = []
        var statuses = pod[path: "status.containerStatuses"].array ?? []
        for (index, container) in containers(pod).enumerated() where statuses.indices.contains(index) {
            var machine = ContainerMachine(status: statuses[index], container: container, pod: pod, fault: fault, timing: timing, clock: clock, now: now)
            machine.step(configError: ConfigCheck.error(in: container, secrets: secrets, configMaps: configMaps, namespace: namespace))
            statuses[index] = machine.status
            happened += machine.events
        }
        var next = pod
        next[path: "status.containerStatuses"] = .array(statuses)
        let started = statuses.contains { !$0[path: "state.running"].isNull || $0["restartCount"].int.map { $0 > 0 } ?? false }
        next[path: "status.phase"] = started ? "Running" : "Pending"
        if started, pod[path: "status.podIP"].isNull {
            next[path: "status.startTime"] = .string(Timestamp.format(scheduledAt))
            next[path: "status.podIP"] = .string(PodAddress.ip(for: pod[path: "metadata.name"].string ?? ""))
            next[path: "status.podIPs"] = [["ip": next[path: "status.podIP"]]]
        }
        next[path: "status.conditions"] = PodConditions.update(conditions, statuses: statuses, now: now)
        // A failing probe changes nothing in the pod but is still reported.
        guard let stored = next == pod ? pod : await save(pod, next) else { return }
        for event in happened {
            await events.record(stored, type: event.type, reason: event.reason, message: event.message, component: "kubelet")
        }
    }

    private func save(_ pod: JSONValue, _ next: JSONValue) async -> JSONValue? {
        try? await store.replace(ResourceCatalog.pod, namespace: pod[path: "metadata.namespace"].string,
                                 name: pod[path: "metadata.name"].string ?? "", next)
    }

    private func containers(_ pod: JSONValue) -> [JSONValue] { pod[path: "spec.containers"].array ?? [] }
}

/// How long the simulated kubelet takes for each step.
public struct KubeletTiming: Sendable {
    /// From scheduling to the containers starting.
    public var start: TimeInterval = 1
    /// From starting to passing the readiness probe.
    public var ready: TimeInterval = 1
    /// How long a crashing container runs before it exits.
    public var crashAfter: TimeInterval = 1.5
    /// The first restart back-off; it doubles per restart up to ``backOffLimit``.
    public var backOff: TimeInterval = 2
    public var backOffLimit: TimeInterval = 60
    /// How often the autoscaler reads metrics and resizes (kube-controller-manager's default is 15 s).
    public var autoscalerSync: TimeInterval = 15

    public init() {}
}

/// The Ready and ContainersReady conditions, from the containers' readiness.
enum PodConditions {
    static func update(_ conditions: [JSONValue], statuses: [JSONValue], now: Date) -> JSONValue {
        let ready = !statuses.isEmpty && statuses.allSatisfy { $0["ready"].bool == true }
        var result = conditions.filter { !["Ready", "ContainersReady", "Initialized"].contains($0["type"].string ?? "") }
        let stamp = JSONValue.string(Timestamp.format(now))
        func condition(_ type: String) -> JSONValue {
            let old = conditions.first { $0["type"].string == type }
            let status: JSONValue = ready ? "True" : "False"
            var value: JSONValue = ["type": .string(type), "status": status,
                                    "lastTransitionTime": old?["status"] == status ? (old?["lastTransitionTime"] ?? stamp) : stamp]
            if !ready {
                let waiting = statuses.filter { $0["ready"].bool != true }.compactMap { $0["name"].string }
                value["reason"] = "ContainersNotReady"
                value["message"] = .string("containers with unready status: [\(waiting.joined(separator: " "))]")
            }
            return value
        }
        result.append(["type": "Initialized", "status": "True", "lastTransitionTime": conditions.first { $0["type"].string == "Initialized" }?["lastTransitionTime"] ?? stamp])
        result.append(condition("ContainersReady"))
        result.append(condition("Ready"))
        return .array(result)
    }
}

/// The Secrets and ConfigMaps of each namespace, read once per pass of the kubelet rather than once per pod.
struct NamespaceConfiguration {
    let store: ObjectStore
    private var read: [String: (secrets: [JSONValue], configMaps: [JSONValue])] = [:]

    init(store: ObjectStore) { self.store = store }

    mutating func objects(in namespace: String) async -> (secrets: [JSONValue], configMaps: [JSONValue]) {
        if let known = read[namespace] { return known }
        let objects = (await store.all(ResourceCatalog.secret, namespace: namespace), await store.all(ResourceCatalog.configMap, namespace: namespace))
        read[namespace] = objects
        return objects
    }
}

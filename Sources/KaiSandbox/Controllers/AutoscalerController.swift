import Foundation

/// HorizontalPodAutoscaler (autoscaling/v2) as the real controller runs it: reads resource
/// usage from the metrics API, compares the average utilization of the target's pods with
/// the target, and changes the replica count within min and max — at once upwards, and
/// downwards only after the stabilization window (5 minutes unless `behavior` says otherwise).
struct AutoscalerController: Sendable {
    let store: ObjectStore
    let events: EventRecorder
    let metrics: MetricsAPI
    let history: RecommendationHistory

    /// A 10% difference from the target is within tolerance, as in kube-controller-manager.
    static let tolerance = 0.1

    func reconcile(now: Date = Date()) async {
        for autoscaler in await store.all(ResourceCatalog.autoscaler) {
            await reconcile(autoscaler, now: now)
        }
    }

    private func reconcile(_ autoscaler: JSONValue, now: Date) async {
        let namespace = autoscaler[path: "metadata.namespace"].string
        let reference = autoscaler[path: "spec.scaleTargetRef"]
        let kind = reference["kind"].string ?? ""
        let resource = kind == "StatefulSet" ? ResourceCatalog.statefulSet : ResourceCatalog.deployment
        let name = reference["name"].string ?? ""
        var status = autoscaler["status"].isNull ? [:] : autoscaler["status"]
        guard ["Deployment", "StatefulSet"].contains(kind),
              let target = try? await store.get(resource, namespace: namespace, name: name) else {
            status["conditions"] = Conditions.set(status["conditions"], "AbleToScale", false, "FailedGetScale",
                                                  "the HPA controller was unable to get the target's current scale: \(resource.plural).\(resource.group) \"\(name)\" not found", now: now)
            await save(autoscaler, status: status, warning: ("FailedGetScale", "\(resource.plural).\(resource.group) \"\(name)\" not found"))
            return
        }
        let current = target[path: "spec.replicas"].int ?? 1
        let minimum = autoscaler[path: "spec.minReplicas"].int ?? 1
        let maximum = autoscaler[path: "spec.maxReplicas"].int ?? max(minimum, 1)
        status["currentReplicas"] = .int(Int64(target[path: "status.replicas"].int ?? current))
        status["conditions"] = Conditions.set(status["conditions"], "AbleToScale", true, "ReadyForNewScale",
                                              "recommended size matches current size", now: now)
        let selector = target[path: "spec.selector.matchLabels"].stringMap
        let pods = await store.all(ResourceCatalog.pod, namespace: namespace).filter { LabelMatch.selects(selector, $0) }
        var proposals: [Int] = []
        var currentMetrics: [JSONValue] = []
        var failure: String?
        for metric in autoscaler[path: "spec.metrics"].array ?? [] where metric["type"].string == "Resource" {
            let resourceName = metric[path: "resource.name"].string ?? "cpu"
            guard let target = metric[path: "resource.target.averageUtilization"].int, target > 0 else { continue }
            guard let measured = await utilization(of: resourceName, in: pods, now: now) else {
                failure = "the HPA was unable to compute the replica count: failed to get \(resourceName) utilization: unable to get metrics for resource \(resourceName): no metrics returned from resource metrics API"
                continue
            }
            currentMetrics.append(["type": "Resource", "resource": ["name": .string(resourceName),
                                                                    "current": ["averageUtilization": .int(Int64(measured.percent)),
                                                                                "averageValue": .string(measured.averageValue)]]])
            proposals.append(Self.proposal(measured.reading, target: target, current: current))
        }
        status["currentMetrics"] = currentMetrics.isEmpty ? .null : .array(currentMetrics)
        if let failure, proposals.isEmpty {
            status["conditions"] = Conditions.set(status["conditions"], "ScalingActive", false, "FailedGetResourceMetric", failure, now: now)
            status["desiredReplicas"] = .int(Int64(current))
            await save(autoscaler, status: status, warning: ("FailedGetResourceMetric", failure))
            return
        }
        status["conditions"] = Conditions.set(status["conditions"], "ScalingActive", true, "ValidMetricFound",
                                              "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", now: now)
        let recommended = proposals.max() ?? current
        let bounded = min(max(recommended, minimum), maximum)
        let limit = recommended > maximum ? ("TooManyReplicas", "the desired replica count is more than the maximum replica count")
            : recommended < minimum ? ("TooFewReplicas", "the desired replica count is less than the minimum replica count")
            : ("DesiredWithinRange", "the desired count is within the acceptable range")
        status["conditions"] = Conditions.set(status["conditions"], "ScalingLimited", limit.0 != "DesiredWithinRange", limit.0, limit.1, now: now)
        let window = TimeInterval(autoscaler[path: "spec.behavior.scaleDown.stabilizationWindowSeconds"].int ?? 300)
        let uid = autoscaler[path: "metadata.uid"].string ?? ""
        let desired = await history.stabilized(uid, recommendation: bounded, current: current, window: window, now: now)
        status["desiredReplicas"] = .int(Int64(desired))
        if desired != current {
            var scaled = target
            scaled[path: "spec.replicas"] = .int(Int64(desired))
            if (try? await store.update(resource, namespace: namespace, name: name, scaled)) != nil {
                status["lastScaleTime"] = .string(Timestamp.format(now))
                let direction = desired > current ? "above" : "below"
                await events.record(autoscaler, reason: "SuccessfulRescale",
                                    message: "New size: \(desired); reason: cpu resource utilization (percentage of request) \(direction) target",
                                    component: "horizontal-pod-autoscaler")
            }
        }
        await save(autoscaler, status: status, warning: nil)
    }

    /// What one metric proposes: the usage ratio times the pods measured. When pods not ready
    /// yet (a rollout's new ones, for CPU) are among them and the ready ones ask for more
    /// replicas, the new ones count as using nothing, as the real controller counts them, so a
    /// rollout's surge alone never scales a deployment up.
    static func proposal(_ reading: Utilization, target: Int, current: Int) -> Int {
        let ratio = Double(reading.percent) / Double(target)
        let readyRatio = Double(reading.readyUsed) / Double(max(reading.readyRequested, 1)) * 100 / Double(target)
        guard reading.readyPods < reading.pods, reading.readyPods > 0, readyRatio > 1 else {
            return abs(ratio - 1) <= tolerance ? current : Int((ratio * Double(reading.pods)).rounded(.up))
        }
        let diluted = Double(reading.readyUsed) / Double(reading.requested) * 100 / Double(target)
        guard diluted > 1 + tolerance else { return current }
        return Int((diluted * Double(reading.pods)).rounded(.up))
    }

    /// Usage of one resource across a target's running pods, and of the ready ones among them
    /// (for memory, every pod counts as ready).
    struct Utilization {
        let used: Int
        let requested: Int
        let pods: Int
        let readyUsed: Int
        let readyRequested: Int
        let readyPods: Int
        var percent: Int { Int((Double(used) / Double(requested) * 100).rounded()) }
    }

    /// The average utilization, in percent of requests, of the running pods that report usage.
    private func utilization(of resource: String, in pods: [JSONValue], now: Date) async -> (percent: Int, averageValue: String, reading: Utilization)? {
        var samples: [(used: Int, requested: Int, ready: Bool)] = []
        for pod in pods where pod[path: "metadata.deletionTimestamp"].isNull {
            guard let usage = await metrics.usage(of: pod, now: now) else { continue }
            let requests = Resources.requests(of: pod)
            let request = resource == "memory" ? requests.memoryMiB : requests.cpuMillis
            guard request > 0 else { return nil }
            samples.append((resource == "memory" ? usage.memoryMiB : usage.cpuMillis, request, resource != "cpu" || Kubelet.isReady(pod)))
        }
        let ready = samples.filter(\.ready)
        let used = samples.reduce(0) { $0 + $1.used }, requested = samples.reduce(0) { $0 + $1.requested }
        guard !samples.isEmpty, requested > 0 else { return nil }
        let reading = Utilization(used: used, requested: requested, pods: samples.count, readyUsed: ready.reduce(0) { $0 + $1.used },
                                  readyRequested: ready.reduce(0) { $0 + $1.requested }, readyPods: ready.count)
        return (reading.percent, resource == "memory" ? "\(used / samples.count)Mi" : "\(used / samples.count)m", reading)
    }

    private func save(_ autoscaler: JSONValue, status: JSONValue, warning: (reason: String, message: String)?) async {
        var next = autoscaler
        next["status"] = status
        guard next != autoscaler else { return }
        _ = try? await store.update(ResourceCatalog.autoscaler, namespace: autoscaler[path: "metadata.namespace"].string,
                                    name: autoscaler[path: "metadata.name"].string ?? "", next, subresource: "status")
        if let warning {
            await events.record(autoscaler, type: "Warning", reason: warning.reason, message: warning.message, component: "horizontal-pod-autoscaler")
        }
    }
}

/// Recent recommendations per autoscaler, so scaling down waits out the stabilization window
/// as the real controller does: the size used is the largest recommended within the window.
actor RecommendationHistory {
    private var recommendations: [String: [(at: Date, replicas: Int)]] = [:]

    func stabilized(_ uid: String, recommendation: Int, current: Int, window: TimeInterval, now: Date) -> Int {
        var recent = (recommendations[uid] ?? []).filter { now.timeIntervalSince($0.at) <= window }
        if recent.isEmpty { recent.append((now, current)) }
        // A run of the same recommendation keeps one entry, stamped when it was last made.
        if recent.last?.replicas == recommendation { recent.removeLast() }
        recent.append((now, recommendation))
        recommendations[uid] = recent
        let ceiling = recent.map(\.replicas).max() ?? recommendation
        // Upwards at once; downwards no lower than anything recommended within the window.
        return recommendation >= current ? recommendation : min(current, ceiling)
    }
}

/// Status conditions whose transition time changes only when their status does.
enum Conditions {
    static func set(_ conditions: JSONValue, _ type: String, _ status: Bool, _ reason: String, _ message: String, now: Date) -> JSONValue {
        var list = conditions.array ?? []
        let value: JSONValue = status ? "True" : "False"
        let old = list.first { $0["type"].string == type }
        let since = old?["status"] == value ? (old?["lastTransitionTime"] ?? .string(Timestamp.format(now))) : .string(Timestamp.format(now))
        list.removeAll { $0["type"].string == type }
        list.append(["type": .string(type), "status": value, "lastTransitionTime": since, "reason": .string(reason), "message": .string(message)])
        let order = ["AbleToScale", "ScalingActive", "ScalingLimited"]
        return .array(list.sorted { (order.firstIndex(of: $0["type"].string ?? "") ?? 9) < (order.firstIndex(of: $1["type"].string ?? "") ?? 9) })
    }
}

import Foundation

/// How much CPU and memory a running container uses, as metrics-server would report it: a
/// level typical of the component's software, drifting slowly over a few minutes and
/// different per pod, so `kubectl top` and the autoscaler see a cluster that is alive.
enum UsageModel {
    /// A component's typical use: the middle of the range and how far it swings.
    struct Profile: Sendable {
        let cpuMillis: Double
        let cpuSwing: Double
        let memoryMiB: Double
        let memorySwing: Double
    }

    /// FastAPI under light traffic, a Next.js server, an idle PostgreSQL.
    static let profiles: [String: Profile] = [
        "backend": Profile(cpuMillis: 45, cpuSwing: 10, memoryMiB: 150, memorySwing: 12),
        "frontend": Profile(cpuMillis: 15, cpuSwing: 6, memoryMiB: 96, memorySwing: 8),
        "postgres": Profile(cpuMillis: 12, cpuSwing: 5, memoryMiB: 58, memorySwing: 6),
    ]

    /// The usage of `container` in `pod` at `now`; with the `oom` fault, memory climbs to the limit.
    static func usage(of container: JSONValue, in pod: JSONValue, fault: Fault?, at now: Date) -> Resources {
        let component = Kubelet.component(pod)
        let requests = container["resources"]
        let profile = profiles[component] ?? Profile(
            cpuMillis: max(5, Double(Quantity.millicores(requests[path: "requests.cpu"].string)) * 0.4),
            cpuSwing: 4,
            memoryMiB: max(32, Double(Quantity.mebibytes(requests[path: "requests.memory"].string)) * 0.5),
            memorySwing: 4)
        let phase = Double(ComponentLogs.stableHash("\(pod[path: "metadata.name"].string ?? "")/\(container["name"].string ?? "")") % 628) / 100
        let wave = sin(now.timeIntervalSince1970 / 180 * 2 * .pi + phase)
        let cpu = profile.cpuMillis + profile.cpuSwing * wave
        var memory = profile.memoryMiB + profile.memorySwing * sin(now.timeIntervalSince1970 / 300 + phase)
        let limit = Double(Quantity.mebibytes(requests[path: "limits.memory"].string))
        if fault == .oom, limit > 0 { memory = limit * 0.97 }
        return Resources(cpuMillis: max(1, Int(cpu.rounded())), memoryMiB: max(1, Int(memory.rounded())))
    }
}

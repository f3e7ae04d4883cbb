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

    /// Whether `more` still fits on the node after these.
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

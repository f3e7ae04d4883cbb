/// The failures people ask kai about, injectable per component (`--fault backend=crashloop`).
public enum Fault: String, Sendable, Hashable, CaseIterable {
    /// The app logs a traceback and exits 1; restarts back off.
    case crashloop
    /// The image cannot be pulled: ErrImagePull, then ImagePullBackOff.
    case imagepull
    /// The container exceeds its memory limit: OOMKilled, exit 137.
    case oom
    /// Requests larger than the node: FailedScheduling, Insufficient cpu.
    case pending
    /// A secretKeyRef points at a key that is not there: CreateContainerConfigError.
    case missingSecret = "missing-secret"
    /// Running but never Ready: the readiness probe fails.
    case readiness
    /// PostgreSQL is unavailable; the backend cannot connect and crash-loops.
    case dbDown = "db-down"

    /// Whether the fault makes the component's container exit after it starts.
    func crashes(component: String) -> Bool {
        switch self {
        case .crashloop, .oom: true
        case .dbDown: component != "postgres"
        default: false
        }
    }

    /// Whether `pod`'s containers may use enough memory to outgrow the `oom` fault: the faulted app
    /// needs a quarter more than the limit its component is seeded with, so raising the limit that far
    /// (as diagnosis advises) ends the OOM kills in the pods that have it, and nothing short of it does.
    static func outgrowsOOM(_ pod: JSONValue, component: String) -> Bool {
        guard let seeded = TodoStackSeed.components.first(where: { $0.component == component }) else { return false }
        let need = Double(Quantity.mebibytes(SeedObjects.resources(seeded)[path: "limits.memory"].string)) * 1.25
        let containers = pod[path: "spec.containers"].array ?? []
        return !containers.isEmpty && containers.allSatisfy { Double(Quantity.mebibytes($0[path: "resources.limits.memory"].string)) >= need }
    }

    /// "crashloop, imagepull, oom, …" for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Which faults are active, by component; shared by the kubelet, the logs and the fault endpoint.
public actor FaultBook {
    private var faults: [String: Fault] = [:]

    public init(_ faults: [String: Fault] = [:]) {
        self.faults = faults
    }

    /// The fault of `component`; `db-down` set on any component also fails the backend and postgres.
    public func fault(for component: String) -> Fault? {
        if let fault = faults[component] { return fault }
        if faults.values.contains(.dbDown), ["backend", "postgres"].contains(component) { return .dbDown }
        return nil
    }

    public func set(_ fault: Fault?, for component: String) { faults[component] = fault }

    public var all: [String: Fault] { faults }

    /// Parses `COMPONENT=FAULT`.
    public static func parse(_ text: String) -> (component: String, fault: Fault)? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let fault = Fault(rawValue: parts[1]) else { return nil }
        return (parts[0], fault)
    }
}

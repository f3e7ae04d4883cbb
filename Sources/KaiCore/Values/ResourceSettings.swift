/// CPU or memory, the two resources a container's requests and limits name.
public enum ResourceName: String, Sendable, Hashable, CaseIterable, Codable {
    case cpu, memory

    /// Parses `text` as a quantity of this resource, with the resource's own checks.
    public func quantity(_ text: String) throws(ValueError) -> ResourceQuantity {
        switch self {
        case .cpu: try ResourceQuantity.cpu(text)
        case .memory: try ResourceQuantity.memory(text)
        }
    }

    /// `amount` in base units as a quantity of this resource, rounded up: millicores or mebibytes.
    public func rounded(_ amount: Double) -> ResourceQuantity {
        switch self {
        case .cpu: ResourceQuantity.millicores(amount)
        case .memory: ResourceQuantity.mebibytes(amount)
        }
    }
}

/// One of a container's four settings: the request or the limit of CPU or memory.
public struct ResourceField: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Requests (what the scheduler reserves) or limits (what the container may use).
    public enum Bound: String, Sendable, Hashable, CaseIterable {
        case request, limit
        /// The key of `resources` that holds it: "requests" or "limits".
        public var key: String { rawValue + "s" }
    }

    public let resource: ResourceName
    public let bound: Bound

    /// The `bound` of `resource`.
    public init(_ resource: ResourceName, _ bound: Bound) {
        self.resource = resource
        self.bound = bound
    }

    /// All four, in the order plans show them: CPU request, CPU limit, memory request, memory limit.
    public static let all = ResourceName.allCases.flatMap { resource in Bound.allCases.map { ResourceField(resource, $0) } }

    /// The argument name: cpuRequest, cpuLimit, memoryRequest, memoryLimit.
    public var argument: String { resource.rawValue + bound.rawValue.prefix(1).uppercased() + bound.rawValue.dropFirst() }

    /// The field an argument name stands for.
    public init?(argument: String) {
        guard let field = Self.all.first(where: { $0.argument == argument }) else { return nil }
        self = field
    }

    /// "memory limit", as plans say it.
    public var description: String { "\(resource.rawValue) \(bound.rawValue)" }

    public static func < (lhs: ResourceField, rhs: ResourceField) -> Bool {
        (all.firstIndex(of: lhs) ?? 0) < (all.firstIndex(of: rhs) ?? 0)
    }
}

/// What a change does to one setting: gives it a value, or removes it.
public enum ResourceSetting: Sendable, Hashable, CustomStringConvertible {
    case set(ResourceQuantity)
    /// The setting is removed (no limit; or a request that defaults to the limit).
    case unset

    /// The word for a removed setting in arguments and the audit log.
    public static let unsetWord = "none"

    /// Reads an argument's text: a quantity of `resource`, or "none".
    public init(_ text: String, of resource: ResourceName) throws(ValueError) {
        self = text == Self.unsetWord ? .unset : .set(try resource.quantity(text))
    }

    /// The quantity, when the setting has one.
    public var quantity: ResourceQuantity? { if case .set(let quantity) = self { quantity } else { nil } }

    public var description: String { quantity?.text ?? Self.unsetWord }
}

/// A container's requests and limits as the cluster holds them: `requests` and `limits` by
/// resource name ("cpu" -> "100m"), as written there.
public struct ContainerResourceValues: Sendable, Hashable, Codable {
    public var requests: [String: String]
    public var limits: [String: String]

    /// The values read from a container.
    public init(requests: [String: String] = [:], limits: [String: String] = [:]) {
        self.requests = requests
        self.limits = limits
    }

    /// The setting of `field` as written, or nil when it is not set.
    public subscript(field: ResourceField) -> String? {
        get { field.bound == .request ? requests[field.resource.rawValue] : limits[field.resource.rawValue] }
        set {
            if field.bound == .request { requests[field.resource.rawValue] = newValue } else { limits[field.resource.rawValue] = newValue }
        }
    }

    /// These values with `changes` made.
    public func applying(_ changes: [ResourceField: ResourceSetting]) -> ContainerResourceValues {
        var result = self
        for (field, setting) in changes { result[field] = setting.quantity?.text }
        return result
    }

    /// Refuses values the API server refuses: a request above its limit. A request left out defaults to the limit.
    /// `container` names the container in the message; empty when it is not known yet.
    public func checkRequestsFitLimits(container: String) throws(ValueError) {
        let who = container.isEmpty ? "The container" : "Container \(container)"
        for resource in ResourceName.allCases {
            let requestText = self[ResourceField(resource, .request)], limitText = self[ResourceField(resource, .limit)]
            guard let requestText, let limitText, let request = try? ResourceQuantity(requestText),
                  let limit = try? ResourceQuantity(limitText), request.value > limit.value else { continue }
            throw ValueError(problem: "\(who) would have a \(resource.rawValue) limit (\(limitText)) below its \(resource.rawValue) request (\(requestText)); Kubernetes refuses that.",
                             remedy: "Set the limit to at least the request, or lower the request too (e.g. \"\(resource.rawValue) request \(limitText)\").")
        }
    }

    /// "limits.memory=256Mi requests.cpu=100m" for `fields`, as the audit log's before and after say it.
    public func words(_ fields: [ResourceField]) -> String {
        fields.sorted().map { "\($0.bound.key).\($0.resource.rawValue)=\(self[$0] ?? ResourceSetting.unsetWord)" }.joined(separator: " ")
    }
}

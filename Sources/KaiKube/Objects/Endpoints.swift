/// The Endpoints of a Service: the addresses of the pods it sends traffic to, ready or not.
public struct Endpoints: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var subsets: [Subset]?

    /// Addresses sharing a set of ports.
    public struct Subset: Codable, Sendable, Hashable {
        public var addresses: [Address]?
        public var notReadyAddresses: [Address]?
    }

    /// One pod's address.
    public struct Address: Codable, Sendable, Hashable {
        public var ip: String?
        public var targetRef: Target?
    }

    /// The object behind an address.
    public struct Target: Codable, Sendable, Hashable {
        public var kind: String?
        public var name: String?
    }

    /// The names of the pods traffic goes to.
    public var readyPods: [String] { (subsets ?? []).flatMap { $0.addresses ?? [] }.compactMap(\.targetRef?.name) }
    /// The names of the pods that match but are not ready.
    public var notReadyPods: [String] { (subsets ?? []).flatMap { $0.notReadyAddresses ?? [] }.compactMap(\.targetRef?.name) }
}

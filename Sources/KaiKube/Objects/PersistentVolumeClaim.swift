/// A PersistentVolumeClaim: storage a pod mounts, and whether a volume is bound to it.
public struct PersistentVolumeClaim: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    /// `spec`: the class and volume asked for.
    public struct Spec: Codable, Sendable, Hashable {
        public var storageClassName: String?
        public var volumeName: String?
    }

    /// `status`: Pending, Bound or Lost.
    public struct Status: Codable, Sendable, Hashable {
        public var phase: String?
    }

    /// `status.phase`, "Pending" when not reported.
    public var phase: String { status?.phase ?? "Pending" }
}

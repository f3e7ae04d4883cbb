/// A number of replicas for a deployment: a whole number Kubernetes accepts (0 ... 2^31-1).
///
/// The policy narrows this further (by default to at most 10); this type only rejects
/// what no cluster could ever accept.
public struct ReplicaCount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest value of the `replicas` field (an int32 in the Kubernetes API).
    public static let kubernetesMaximum = Int(Int32.max)

    public let value: Int

    /// Validates `value`. `ReplicaCount(3)` succeeds; `ReplicaCount(-1)` throws.
    public init(_ value: Int) throws(ValueError) {
        guard value >= 0 else {
            throw ValueError(problem: "\(value) is not a replica count: it cannot be negative.",
                             remedy: "Use a whole number from 0 up.")
        }
        guard value <= Self.kubernetesMaximum else {
            throw ValueError(problem: "\(value) replicas is more than Kubernetes accepts (at most \(Self.kubernetesMaximum)).",
                             remedy: "Use a realistic replica count.")
        }
        self.value = value
    }

    public var description: String { String(value) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

/// A replica count as asked for: absolute ("to 3") or relative to the current count ("up by one").
public enum ReplicaRequest: Sendable, Hashable {
    case exactly(ReplicaCount)
    /// Add `delta` (negative to remove) to the current count; resolved against the cluster.
    case relative(Int)
    /// Multiply the current count by `numerator / denominator` ("double" is 2/1, "halve" 1/2), rounding down but
    /// never below 1; resolved against the cluster.
    case proportional(numerator: Int, denominator: Int)
}

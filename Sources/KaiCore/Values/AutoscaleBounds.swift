/// The bounds of a HorizontalPodAutoscaler: replica range and target CPU utilisation.
public struct AutoscaleBounds: Sendable, Hashable {
    /// Target CPU utilisation when the request names none (kubectl autoscale's default too).
    public static let standardCPUPercent = 80
    /// Utilisation is a percentage of the CPU request; above this it is surely a typo.
    public static let maximumCPUPercent = 500

    public let min: ReplicaCount
    public let max: ReplicaCount
    public let cpuPercent: Int

    /// Validates the bounds: `1 <= min <= max`, `1 <= cpuPercent <= 500`.
    public init(min: ReplicaCount, max: ReplicaCount, cpuPercent: Int) throws(ValueError) {
        guard min.value >= 1 else {
            throw ValueError(problem: "An autoscaler needs at least 1 replica as its minimum, not \(min).",
                             remedy: "Use a minimum of 1 or more; to stop a deployment, scale it to 0.")
        }
        guard min <= max else {
            throw ValueError(problem: "The autoscaler's minimum (\(min)) is above its maximum (\(max)).",
                             remedy: "Give the smaller number first, e.g. \"from 2 to 5\".")
        }
        guard (1...Self.maximumCPUPercent).contains(cpuPercent) else {
            throw ValueError(problem: "\(cpuPercent)% is not a usable CPU target.",
                             remedy: "Use a percentage from 1 to \(Self.maximumCPUPercent), e.g. 70%.")
        }
        self.min = min
        self.max = max
        self.cpuPercent = cpuPercent
    }
}

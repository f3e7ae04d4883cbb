import KaiKube

/// Which log tails a diagnosis reads, kept few so that the cost stays bounded whatever the
/// number of pods: for each workload in view, the sample pod of each trouble that writes
/// something (crashes and failing probes), at most two troubles and four reads per workload.
public enum LogPlan {
    /// At most this many log reads per workload.
    public static let readsPerWorkload = 4
    /// At most this many log reads in all.
    public static let readsInAll = 12

    /// The reads for the troubled workloads of `evidence`.
    public static func reads(for evidence: Evidence) -> [LogRead] {
        let wanted = Workload.subjects(of: evidence).flatMap { workload in
            TroubleGroup.groups(of: workload, in: evidence)
                .filter { [.crashLoopBackOff, .livenessProbeFailed, .readinessProbeFailed].contains($0.reason) }
                .prefix(2)
                .flatMap { reads(of: $0.sample, container: $0.container) }
                .prefix(readsPerWorkload)
        }
        return Array(wanted.prefix(readsInAll))
    }

    /// The reads for the dependencies found down, which the first reads could not know of.
    public static func dependencyReads(for diagnosis: Diagnosis, in evidence: Evidence) -> [LogRead] {
        let pods = diagnosis.findings.filter { $0.reason == .dependencyDown }.compactMap(\.pods.first)
        return pods.flatMap { name -> [LogRead] in
            guard let pod = evidence.pods.first(where: { $0.metadata.name == name }) else { return [] }
            return reads(of: pod, container: nil).prefix(2).map { $0 }
        }
    }

    /// The previous run's log of a container that has ended, and the current run's of one that runs.
    static func reads(of pod: Pod, container: String?) -> [LogRead] {
        pod.containerStatuses.filter { container == nil || $0.name == container }.flatMap { status -> [LogRead] in
            var reads: [LogRead] = []
            if status.lastState?.terminated != nil { reads.append(LogRead(pod: pod.metadata.name, container: status.name, previous: true)) }
            if status.state?.running != nil || status.state?.terminated != nil {
                reads.append(LogRead(pod: pod.metadata.name, container: status.name, previous: false))
            }
            return reads
        }
    }
}

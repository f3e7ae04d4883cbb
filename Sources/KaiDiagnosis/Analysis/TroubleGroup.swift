import KaiKube

/// The pods of one workload that share one trouble, and the one whose logs tell it best.
struct TroubleGroup: Sendable {
    let workload: Workload
    let reason: ReasonCode
    let pods: [Pod]
    /// The container in trouble in the sample pod.
    let container: String?

    /// The pod with the most restarts: the one whose logs and last end say most.
    var sample: Pod { pods.max { ($0.restarts, $1.metadata.name) < ($1.restarts, $0.metadata.name) } ?? pods[0] }
    /// "all 2 pods", "1 of 3 pods".
    var share: String { EvidenceText.count(pods.count, of: workload.pods.count) }
    var podNames: [String] { pods.map(\.metadata.name) }
    /// Whether the finding speaks of several pods: "they fail" rather than "it fails".
    var plural: Bool { pods.count > 1 }
    /// `singular` or `plural` as the number of pods asks: verb("fails", "fail").
    func verb(_ singular: String, _ plural: String) -> String { self.plural ? plural : singular }
    /// The container spec in trouble.
    var containerSpec: PodTemplate.Container? {
        container.flatMap { name in sample.container(name) ?? workload.deployment?.containers.first { $0.name == name } }
    }

    /// The status lines of every pod, the sample's container lines and the warnings about the pods.
    func statusEvidence(in evidence: Evidence) -> [EvidenceLine] {
        var lines = pods.prefix(5).map(EvidenceText.pod)
        if pods.count > 5 { lines.append(EvidenceLine(.status, "… and \(pods.count - 5) more pods like these")) }
        lines += EvidenceText.owners(of: sample, in: evidence) + EvidenceText.conditions(of: sample)
        if let container { lines += EvidenceText.container(container, of: sample) }
        return lines + EvidenceText.warnings(about: podNames, kind: "Pod", in: evidence)
    }

    /// Groups the troubled pods of `workload` by trouble, most fundamental first.
    static func groups(of workload: Workload, in evidence: Evidence) -> [TroubleGroup] {
        let troubles = workload.pods.compactMap { pod in PodTrouble.of(pod, in: evidence).map { (pod, $0) } }
        return rank.compactMap { reason in
            let members = troubles.filter { $0.1.reason == reason }
            guard !members.isEmpty else { return nil }
            let pods = members.map(\.0)
            let sample = pods.max { ($0.restarts, $1.metadata.name) < ($1.restarts, $0.metadata.name) }
            let container = members.first { $0.0.metadata.name == sample?.metadata.name }?.1.container
            return TroubleGroup(workload: workload, reason: reason, pods: pods, container: container)
        }
    }

    /// Pod troubles, what comes first in a pod's life first: a pod that cannot be scheduled
    /// has no image to pull, one without an image has no process to crash.
    static let rank: [ReasonCode] = [.volumeClaimPending, .unschedulable, .createContainerConfigError, .imagePullBackOff, .errImagePull,
                                     .oomKilled, .crashLoopBackOff, .livenessProbeFailed, .readinessProbeFailed]
}

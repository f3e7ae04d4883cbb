import KaiKube

/// ImagePullBackOff / ErrImagePull: which image and tag cannot be pulled, why as the registry
/// said, and whether the latest rollout just changed it (then rolling back is the fix).
enum ImagePullAnalyzer {
    static func finding(_ group: TroubleGroup, in evidence: Evidence) -> Finding {
        let container = group.container ?? ""
        let image = group.containerSpec?.image ?? group.sample.containerStatuses.first { $0.name == container }?.image ?? "its image"
        let messages = [group.sample.containerStatuses.first { $0.name == container }?.state?.waiting?.message]
            + evidence.events(about: "Pod", group.sample.metadata.name).filter { $0.reason == "Failed" }.map(\.message)
        let cause = pullCause(messages.compactMap { $0 }, image: image)
        var finding = Finding(
            reason: group.reason, object: group.workload.identity, pods: group.podNames,
            summary: "\(group.share.capitalizedFirst) of \(group.workload.description) cannot pull image \(image) (\(group.reason)), so container \(container) never starts.",
            cause: cause, evidence: group.statusEvidence(in: evidence) + [EvidenceLine(.spec, "container \(container) image: \(image)")])
        guard let deployment = group.workload.deployment else { return finding }
        if let change = Fixes.previousImage(of: deployment, container: container, in: evidence) {
            let serving = change.previous.status?.readyReplicas ?? 0
            finding.evidence.append(EvidenceLine(.spec, "revision \(change.current.revision ?? 0) changed image \(change.from) -> \(change.to)"
                                                 + (serving > 0 ? "; revision \(change.previous.revision ?? 0) still has \(serving) ready pods" : "")))
            finding.summary += " The latest rollout (revision \(change.current.revision ?? 0)) changed the image from \(change.from) to \(change.to)."
            finding.fixes.append(Fixes.rollback(deployment, in: evidence))
            finding.advice.append("Roll back to revision \(change.previous.revision ?? 0) (\(change.from)), or set an image tag that exists.")
        } else {
            let place = ChartValues.whereToSet({ ChartValues.imageTagKey(component: $0) + " to a tag that exists" },
                                               fallback: "set an image that exists (kai \"set image of \(deployment.metadata.name) to …\")", for: deployment)
            finding.advice.append("Check the image name and tag in the registry; \(place).")
        }
        return finding
    }

    /// Why the pull fails, from the kubelet's message.
    static func pullCause(_ messages: [String], image: String) -> Cause? {
        let text = messages.joined(separator: " ").lowercased()
        if ["not found", "manifest unknown", "does not exist", "repository does not exist"].contains(where: text.contains) {
            return Cause(.imageNotFound, "The registry has no image \(image): the repository or the tag does not exist.")
        }
        if ["unauthorized", "denied", "authentication required", "forbidden"].contains(where: text.contains) {
            return Cause(.registryAccessDenied, "The registry refuses to serve \(image): the pod's image pull secret is missing or has no access.")
        }
        if ["dial tcp", "i/o timeout", "no such host", "connection refused", "tls handshake timeout"].contains(where: text.contains) {
            return Cause(.registryUnreachable, "The node cannot reach the registry of \(image).")
        }
        return nil
    }
}

extension String {
    /// The text with its first letter in upper case: "all 2 pods" -> "All 2 pods".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

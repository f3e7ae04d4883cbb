import KaiKube

/// VolumeClaimPending: the pods wait for a PersistentVolumeClaim no volume is bound to.
enum VolumeClaimAnalyzer {
    static func finding(_ group: TroubleGroup, in evidence: Evidence) -> Finding {
        let claims = PodTrouble.pendingClaims(of: group.sample, in: evidence)
        let details = claims.map { name -> EvidenceLine in
            let claim = evidence.claims?.first { $0.metadata.name == name }
            return EvidenceLine(.status, "volume claim \(name): \(claim?.phase ?? "missing"), storage class \(claim?.spec?.storageClassName ?? "default")")
        }
        var finding = Finding(
            reason: .volumeClaimPending, object: group.workload.identity, pods: group.podNames,
            summary: "\(group.share.capitalizedFirst) of \(group.workload.description) \(group.verb("waits", "wait")) for volume claim \(claims.joined(separator: ", ")), which no volume is bound to, so they cannot be scheduled.",
            evidence: group.statusEvidence(in: evidence) + details + EvidenceText.warnings(about: claims, kind: "PersistentVolumeClaim", in: evidence))
        finding.advice.append("Check that the claim's storage class exists and can provision volumes (minikube: the storage-provisioner addon), or that a matching PersistentVolume is free.")
        return finding
    }
}

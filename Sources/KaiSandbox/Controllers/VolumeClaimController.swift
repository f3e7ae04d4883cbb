import Foundation

/// Binds every pending PersistentVolumeClaim at once, as minikube's hostpath provisioner does
/// for its default `standard` storage class: a volume named after the claim's uid, the
/// requested capacity, the requested access modes.
struct VolumeClaimController: Sendable {
    let store: ObjectStore
    let events: EventRecorder

    static let defaultStorageClass = "standard"

    func reconcile() async {
        for claim in await store.all(ResourceCatalog.persistentVolumeClaim) where claim[path: "status.phase"].string != "Bound" {
            var next = claim
            if next[path: "spec.storageClassName"].isNull { next[path: "spec.storageClassName"] = .string(Self.defaultStorageClass) }
            if next[path: "spec.volumeMode"].isNull { next[path: "spec.volumeMode"] = "Filesystem" }
            let volume = "pvc-\(claim[path: "metadata.uid"].string ?? UUID().uuidString.lowercased())"
            next[path: "spec.volumeName"] = .string(volume)
            var annotations = next[path: "metadata.annotations"]
            annotations["pv.kubernetes.io/bind-completed"] = "yes"
            annotations["volume.kubernetes.io/storage-provisioner"] = "k8s.io/minikube-hostpath"
            next[path: "metadata.annotations"] = annotations
            next["status"] = ["phase": "Bound", "accessModes": claim[path: "spec.accessModes"],
                              "capacity": ["storage": claim[path: "spec.resources.requests.storage"]]]
            let namespace = claim[path: "metadata.namespace"].string
            let name = claim[path: "metadata.name"].string ?? ""
            guard (try? await store.replace(ResourceCatalog.persistentVolumeClaim, namespace: namespace, name: name, next)) != nil else { continue }
            await events.record(claim, reason: "ProvisioningSucceeded",
                                message: "Successfully provisioned volume \(volume)", component: "k8s.io/minikube-hostpath")
        }
    }
}

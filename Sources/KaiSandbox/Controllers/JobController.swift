import Foundation

/// Job -> Pods: starts a Job's pods (`parallelism`, default 1) with the labels the real
/// controller adds, and reports `startTime`, `active`, `ready`, `succeeded` and `failed`.
/// The sandbox's containers run until stopped, so a Job it starts stays active: it shows a
/// Job's pods and start as a cluster would, not what the program in it would do.
struct JobController: Sendable {
    let store: ObjectStore
    let events: EventRecorder

    func reconcile() async {
        for job in await store.all(ResourceCatalog.job) where job[path: "spec.suspend"].bool != true {
            let namespace = job[path: "metadata.namespace"].string
            var pods = await store.all(ResourceCatalog.pod, namespace: namespace).filter { Ownership.isOwned($0, by: job) }
            let finished = { (pod: JSONValue) in ["Succeeded", "Failed"].contains(pod[path: "status.phase"].string ?? "") }
            let wanted = job[path: "spec.parallelism"].int ?? 1
            if job[path: "status.startTime"].isNull, pods.isEmpty {
                for _ in 0..<wanted {
                    if let pod = await create(from: job) { pods.append(pod) }
                }
            }
            var next = job
            let now = Timestamp.format(Date())
            next["status"] = [
                "startTime": job[path: "status.startTime"].isNull ? .string(now) : job[path: "status.startTime"],
                "active": .int(Int64(pods.filter { !finished($0) }.count)),
                "ready": .int(Int64(pods.filter(Kubelet.isReady).count)),
                "succeeded": .int(Int64(pods.filter { $0[path: "status.phase"].string == "Succeeded" }.count)),
                "failed": .int(Int64(pods.filter { $0[path: "status.phase"].string == "Failed" }.count)),
            ]
            _ = try? await store.replace(ResourceCatalog.job, namespace: namespace, name: job[path: "metadata.name"].string ?? "", next)
        }
    }

    private func create(from job: JSONValue) async -> JSONValue? {
        let namespace = job[path: "metadata.namespace"].string
        let name = job[path: "metadata.name"].string ?? "job"
        let uid = job[path: "metadata.uid"]
        var pod: JSONValue = ["metadata": job[path: "spec.template.metadata"], "spec": job[path: "spec.template.spec"],
                              "status": ["phase": "Pending", "qosClass": "Burstable"]]
        for (label, value) in ["batch.kubernetes.io/job-name": JSONValue.string(name), "job-name": .string(name),
                               "batch.kubernetes.io/controller-uid": uid, "controller-uid": uid] {
            pod["metadata"]["labels"][label] = value
        }
        pod[path: "metadata.name"] = .string("\(name)-\(NameSuffix.random(length: 5))")
        pod[path: "metadata.ownerReferences"] = [Ownership.reference(to: job)]
        guard let created = try? await store.create(ResourceCatalog.pod, namespace: namespace, pod) else { return nil }
        await events.record(job, reason: "SuccessfulCreate", message: "Created pod: \(created[path: "metadata.name"].string ?? "")",
                            component: "job-controller")
        return created
    }
}

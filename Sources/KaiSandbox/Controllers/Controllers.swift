import Foundation
import ServiceLifecycle

/// The control loop: every tick, the deployment, replica set, kubelet and endpoints controllers
/// reconcile the store toward what its objects ask for.
public struct Controllers: Service {
    let store: ObjectStore
    let faults: FaultBook
    let timing: KubeletTiming
    let tick: Duration

    public func run() async throws {
        let events = EventRecorder(store: store)
        let deployments = DeploymentController(store: store, events: events)
        let replicaSets = ReplicaSetController(store: store, events: events)
        let kubelet = Kubelet(store: store, events: events, faults: faults, timing: timing)
        let endpoints = EndpointsController(store: store)
        let tick = self.tick
        // Shutting down ends the loop; a cancelled sleep is the normal way out, not a failure.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await deployments.reconcile()
                await replicaSets.reconcile()
                await kubelet.reconcile()
                await endpoints.reconcile()
                try? await Task.sleep(for: tick)
            }
        }
    }

    /// Runs every controller once; tests use this to advance the cluster deterministically.
    public func reconcileOnce() async {
        let events = EventRecorder(store: store)
        await DeploymentController(store: store, events: events).reconcile()
        await ReplicaSetController(store: store, events: events).reconcile()
        await Kubelet(store: store, events: events, faults: faults, timing: timing).reconcile()
        await EndpointsController(store: store).reconcile()
    }
}

/// Owner references and their lookups.
enum Ownership {
    static func reference(to owner: JSONValue) -> JSONValue {
        ["apiVersion": owner["apiVersion"], "kind": owner["kind"], "name": owner[path: "metadata.name"],
         "uid": owner[path: "metadata.uid"], "controller": true, "blockOwnerDeletion": true]
    }

    static func isOwned(_ object: JSONValue, by owner: JSONValue) -> Bool {
        let uid = owner[path: "metadata.uid"].string
        return (object[path: "metadata.ownerReferences"].array ?? []).contains { $0["uid"].string == uid }
    }
}

import Foundation
import ServiceLifecycle

/// The control loop: every tick, the deployment, stateful set, replica set, job, volume claim,
/// kubelet and endpoints controllers reconcile the store toward what its objects ask for;
/// the autoscaler syncs at its own, slower period, as kube-controller-manager's does.
public struct Controllers: Service {
    let store: ObjectStore
    let faults: FaultBook
    let timing: KubeletTiming
    let tick: Duration
    private let recommendations = RecommendationHistory()
    private let clock = TransitionClock()

    init(store: ObjectStore, faults: FaultBook, timing: KubeletTiming, tick: Duration) {
        self.store = store
        self.faults = faults
        self.timing = timing
        self.tick = tick
    }

    public func run() async throws {
        // Shutting down ends the loop; a cancelled sleep is the normal way out, not a failure.
        await cancelWhenGracefulShutdown {
            // The first sync waits a period, as pods need a while before metrics-server has samples.
            var lastAutoscale = Date()
            while !Task.isCancelled {
                let autoscale = Date().timeIntervalSince(lastAutoscale) >= timing.autoscalerSync
                if autoscale { lastAutoscale = Date() }
                await reconcileOnce(autoscale: autoscale)
                try? await Task.sleep(for: tick)
            }
        }
    }

    /// Runs every controller once; tests use this to advance the cluster deterministically.
    public func reconcileOnce(autoscale: Bool = true) async {
        let events = EventRecorder(store: store)
        await DeploymentController(store: store, events: events).reconcile()
        await StatefulSetController(store: store, events: events).reconcile()
        await ReplicaSetController(store: store, events: events).reconcile()
        await JobController(store: store, events: events).reconcile()
        await VolumeClaimController(store: store, events: events).reconcile()
        await Kubelet(store: store, events: events, faults: faults, timing: timing, clock: clock).reconcile()
        await EndpointsController(store: store).reconcile()
        if autoscale {
            await AutoscalerController(store: store, events: events, metrics: MetricsAPI(store: store, faults: faults),
                                       history: recommendations).reconcile()
        }
    }
}

/// Equality-based selectors (`spec.selector` of a Service, `matchLabels` of a workload) against objects' labels.
enum LabelMatch {
    /// Whether `selector` is not empty and every one of its labels is on `object`.
    static func selects(_ selector: [String: String], _ object: JSONValue) -> Bool {
        let labels = object[path: "metadata.labels"].stringMap
        return !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
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

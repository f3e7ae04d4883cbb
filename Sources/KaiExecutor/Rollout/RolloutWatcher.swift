import Synchronization
import KaiCore
import KaiKube

/// Follows a deployment's rollout until it completes, fails or the deadline passes, by watching
/// rather than polling: one watch on the deployment, and once its controller has seen the change,
/// one on the pods of its newest replica set (by that set's `pod-template-hash`), whose states
/// show a rollout that will not finish (crash loops, images that cannot be pulled). Each watch
/// lists again and resumes when it drops.
struct RolloutWatcher: Sendable {
    let client: KubeClient
    let timeout: Duration
    let progress: @Sendable (RolloutUpdate) -> Void

    /// What the watches tell the follower.
    private enum Signal: Sendable {
        case deployment(ListWatch<Deployment>.Report)
        /// The pods of the replica set with this template hash.
        case pods(ListWatch<Pod>.Report, hash: String)
        case failed(any Error)
        case deadline
    }

    /// Follows deployment `name`; with `replacing`, also waits until that deleted pod is gone and
    /// enough other pods are ready, since deleting a pod leaves the deployment's status unchanged at first.
    func follow(deployment name: String, in namespace: String, replacing deletedPod: String? = nil) async throws -> RolloutOutcome {
        let deadline = ContinuousClock.now + timeout
        let (signals, channel) = AsyncStream<Signal>.makeStream()
        let deployments = ListWatch<Deployment>(client: client, resource: .deployments, namespace: namespace, fieldSelector: "metadata.name=\(name)")
        let watchers = WatchTasks()
        defer { watchers.cancelAll() }
        watchers.start("deployment") {
            do {
                try await deployments.run(until: deadline) { channel.yield(.deployment($0)) }
            } catch {
                channel.yield(.failed(error))
            }
        }
        watchers.start("deadline") {
            try? await Task.sleep(until: deadline, clock: .continuous)
            channel.yield(.deadline)
        }
        var state = FollowState(name: name)
        var lastUpdate: RolloutUpdate?
        for await signal in signals {
            switch signal {
            case .failed(let error):
                throw error
            case .deadline:
                return .timedOut("Deployment \(name) did not finish rolling out within \(timeout.secondsText): \(state.lastMessage).")
            case .deployment(let report):
                try state.take(report)
                if let deployment = state.deployment, let generation = state.generationNeedingPods(deployment) {
                    try await watchNewestPods(of: deployment, generation: generation, state: &state, watchers: watchers, channel: channel, until: deadline)
                }
            case .pods(let report, let hash):
                state.take(report, hash: hash)
            }
            guard let deployment = state.deployment, let pods = state.newestPods else { continue }
            var verdict = RolloutProgress.evaluate(deployment, newPods: pods)
            if let deletedPod, case .complete = verdict { verdict = RolloutProgress.replacement(of: deletedPod, in: deployment, pods: pods) }
            switch verdict {
            case .complete(let message): return .complete(message)
            case .failed(let reason, let message): return .failed(reason: reason, message: message)
            case .progressing(let message):
                let update = RolloutUpdate(deployment: name, ready: pods.filter(\.isReady).count, desired: deployment.desiredReplicas, message: message)
                if update != lastUpdate { progress(update) }
                lastUpdate = update
                state.lastMessage = message
            }
        }
        throw CancellationError()
    }

    /// Finds the newest replica set once the controller has seen `generation`, and (re)starts the pod watch on its pods.
    private func watchNewestPods(of deployment: Deployment, generation: Int, state: inout FollowState, watchers: WatchTasks,
                                 channel: AsyncStream<Signal>.Continuation, until deadline: ContinuousClock.Instant) async throws {
        state.podsGeneration = generation
        guard let newest = try await DeploymentReader.revisions(of: deployment, client: client).first,
              let hash = newest.metadata.labels?["pod-template-hash"] else {
            state.watchedHash = nil
            state.newestPods = []
            return
        }
        guard hash != state.watchedHash else { return }
        state.watchedHash = hash
        state.newestPods = nil
        let selector = [deployment.spec.selector?.queryText, "pod-template-hash=\(hash)"].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ",")
        let pods = ListWatch<Pod>(client: client, resource: .pods, namespace: deployment.metadata.namespace ?? "", labelSelector: selector)
        watchers.start("pods") {
            do {
                try await pods.run(until: deadline) { channel.yield(.pods($0, hash: hash)) }
            } catch is CancellationError {
                return
            } catch {
                channel.yield(.failed(error))
            }
        }
    }
}

/// What the follower knows: the deployment as last seen and the pods of its newest replica set.
private struct FollowState {
    let name: String
    var deployment: Deployment?
    /// The pods of the replica set `watchedHash` names, by name; nil until they are listed.
    var pods: [String: Pod]?
    var watchedHash: String?
    /// The deployment generation whose replica set the pod watch follows.
    var podsGeneration: Int?
    var lastMessage = "waiting for the deployment controller to see the change"

    init(name: String) { self.name = name }

    var newestPods: [Pod]? {
        get { pods.map { $0.values.sorted { $0.metadata.name < $1.metadata.name } } }
        set { pods = newValue.map { Dictionary($0.map { ($0.metadata.name, $0) }) { $1 } } }
    }

    mutating func take(_ report: ListWatch<Deployment>.Report) throws {
        switch report {
        case .listed(let items):
            guard let found = items.first else { throw Self.gone(name) }
            deployment = found
        case .changed(let event):
            if event.type == "DELETED" { throw Self.gone(name) }
            deployment = event.object
        }
    }

    mutating func take(_ report: ListWatch<Pod>.Report, hash: String) {
        guard hash == watchedHash else { return }  // a watch of a replica set no longer the newest
        switch report {
        case .listed(let items): newestPods = items
        case .changed(let event):
            if event.type == "DELETED" { pods?[event.object.metadata.name] = nil } else { pods?[event.object.metadata.name] = event.object }
        }
    }

    /// The generation whose newest replica set to look up: once the controller has seen a generation the pod watch does not follow yet.
    func generationNeedingPods(_ deployment: Deployment) -> Int? {
        let generation = deployment.metadata.generation ?? 0
        guard (deployment.status?.observedGeneration ?? 0) >= generation, podsGeneration != generation else { return nil }
        return generation
    }

    private static func gone(_ name: String) -> KubeError {
        KubeError(.notFound, statusCode: 404, problem: "Deployment \(name) was deleted while its rollout was followed.",
                  remedy: "Check who deleted it: \"events\" shows what happened.")
    }
}

/// The watch tasks of one follow, cancelled together when it ends; a new pod watch replaces the old one.
private final class WatchTasks: Sendable {
    private let tasks = Mutex<[String: Task<Void, Never>]>([:])

    func start(_ name: String, _ body: @escaping @Sendable () async -> Void) {
        let task = Task { await body() }
        tasks.withLock { tasks in
            tasks[name]?.cancel()
            tasks[name] = task
        }
    }

    func cancelAll() {
        tasks.withLock { tasks in
            for task in tasks.values { task.cancel() }
            tasks = [:]
        }
    }
}

import Foundation
import KaiKube

/// Reads the evidence for a diagnosis with a bounded number of API calls: each list of the
/// namespace once, all in parallel, then the log tails of a few sample pods (see ``LogPlan``).
///
/// ```swift
/// var evidence = try await EvidenceCollector(client: client).collect(DiagnosisTarget(namespace: "todo-chatbot", object: backend))
/// ```
public struct EvidenceCollector: Sendable {
    public let client: KubeClient
    /// How many lines of each log to read from its end.
    public var logTail: Int

    /// A collector reading through `client`, `logTail` lines of each log.
    public init(client: KubeClient, logTail: Int = 40) {
        self.client = client
        self.logTail = logTail
    }

    /// The lists every diagnosis reads: 12 calls. Deployments, replica sets and pods must be
    /// readable; for the rest a refusal (403) or an absent API (404) is noted and the analysis
    /// goes on without it, e.g. missing Secret keys are then read from the pods' events.
    public func collect(_ target: DiagnosisTarget) async throws -> Evidence {
        let namespace = target.namespace
        async let deployments = client.list(Deployment.self, .deployments, in: namespace)
        async let replicaSets = client.list(ReplicaSet.self, .replicaSets, in: namespace)
        async let pods = client.list(Pod.self, .pods, in: namespace)
        async let events = optional("events") { try await client.list(Event.self, .events, in: namespace).items }
        async let services = optional("services") { try await client.list(Service.self, .services, in: namespace).items }
        async let autoscalers = optional("autoscalers") { try await client.list(Autoscaler.self, .autoscalers, in: namespace).items }
        async let endpoints = optional("endpoints") { try await client.list(Endpoints.self, .endpoints, in: namespace).items }
        async let claims = optional("persistent volume claims") { try await client.list(PersistentVolumeClaim.self, .persistentVolumeClaims, in: namespace).items }
        async let nodes = optional("nodes") { try await client.list(ClusterNode.self, .nodes, in: nil).items }
        async let secrets = optional("secrets") { try await client.list(KeyNames.self, .secrets, in: namespace).items }
        async let configMaps = optional("config maps") { try await client.list(KeyNames.self, .configMaps, in: namespace).items }
        async let metrics = optional("pod metrics") { try await client.list(PodMetrics.self, .podMetrics, in: namespace).items }
        let read = try await (events, services, autoscalers, endpoints, claims, nodes, secrets, configMaps, metrics)
        let unreadable = [read.0.why, read.1.why, read.2.why, read.3.why, read.4.why, read.5.why, read.6.why, read.7.why, read.8.why]
        return Evidence(target: target, deployments: try await deployments.items, replicaSets: try await replicaSets.items,
                        pods: try await pods.items, events: read.0.items ?? [], services: read.1.items ?? [],
                        autoscalers: read.2.items ?? [], endpoints: read.3.items, claims: read.4.items, nodes: read.5.items,
                        secrets: read.6.items, configMaps: read.7.items, metrics: read.8.items,
                        unreadable: unreadable.compactMap { $0 }, apiCalls: 12, readAt: Date())
    }

    /// What resource analysis needs: deployments, replica sets, pods, autoscalers, nodes and
    /// pod metrics, 6 calls in parallel; nodes and metrics are optional as in ``collect(_:)``.
    public func collectUsage(_ target: DiagnosisTarget) async throws -> Evidence {
        let namespace = target.namespace
        async let deployments = client.list(Deployment.self, .deployments, in: namespace)
        async let replicaSets = client.list(ReplicaSet.self, .replicaSets, in: namespace)
        async let pods = client.list(Pod.self, .pods, in: namespace)
        async let autoscalers = optional("autoscalers") { try await client.list(Autoscaler.self, .autoscalers, in: namespace).items }
        async let nodes = optional("nodes") { try await client.list(ClusterNode.self, .nodes, in: nil).items }
        async let metrics = optional("pod metrics") { try await client.list(PodMetrics.self, .podMetrics, in: namespace).items }
        let read = try await (autoscalers, nodes, metrics)
        return Evidence(target: target, deployments: try await deployments.items, replicaSets: try await replicaSets.items,
                        pods: try await pods.items, autoscalers: read.0.items ?? [], nodes: read.1.items, metrics: read.2.items,
                        unreadable: [read.0.why, read.1.why, read.2.why].compactMap { $0 }, apiCalls: 6, readAt: Date())
    }

    /// Reads the log tails `reads` asks for, in parallel, and adds them to `evidence`. A log that
    /// cannot be read (the container has not started) is left out; a refusal is noted once.
    public func addLogs(_ reads: [LogRead], to evidence: inout Evidence) async throws {
        let wanted = reads.filter { read in !evidence.logs.contains { $0.pod == read.pod && $0.container == read.container && $0.previous == read.previous } }
        guard !wanted.isEmpty else { return }
        let namespace = evidence.target.namespace
        let tail = logTail
        let results = try await withThrowingTaskGroup(of: (LogRead, Result<String, KubeError>).self) { group in
            for read in wanted {
                group.addTask {
                    do {
                        let text = try await client.logs(pod: read.pod, in: namespace,
                                                         LogRequest(container: read.container, tailLines: tail, previous: read.previous))
                        return (read, .success(text))
                    } catch let error as KubeError where Self.isAbsence(error) || error.reason == .invalid || error.reason == .unexpectedStatus {
                        return (read, .failure(error))
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        evidence.apiCalls += wanted.count
        for (read, result) in results.sorted(by: { ($0.0.pod, $0.0.container, $0.0.previous ? 0 : 1) < ($1.0.pod, $1.0.container, $1.0.previous ? 0 : 1) }) {
            switch result {
            case .success(let text):
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
                evidence.logs.append(ContainerLog(pod: read.pod, container: read.container, previous: read.previous, lines: lines))
            case .failure(let error) where error.reason == .forbidden:
                let note = "logs: \(ClusterText.clip(error.problem))"
                if !evidence.unreadable.contains(note) { evidence.unreadable.append(note) }
            case .failure:
                continue
            }
        }
    }

    /// Runs an optional list; a refusal or an absent API gives nil and a note instead of an error.
    private func optional<T: Sendable>(_ what: String, _ read: @Sendable () async throws -> [T]) async throws -> OptionalList<T> {
        do {
            return OptionalList(items: try await read(), why: nil)
        } catch let error as KubeError where Self.isAbsence(error) {
            let why = error.reason == .forbidden ? "forbidden" : error.reason == .notFound ? "not served by this cluster" : "failed"
            return OptionalList(items: nil, why: "\(what): \(why) (\(ClusterText.clip(error.problem, limit: 160)))")
        }
    }

    /// A 403, a 404 (an API the cluster does not serve, such as metrics without metrics-server) or a server error.
    private static func isAbsence(_ error: KubeError) -> Bool {
        [.forbidden, .notFound, .serverError, .malformedResponse].contains(error.reason)
    }

    /// What an optional list gave.
    private struct OptionalList<T: Sendable>: Sendable {
        let items: [T]?
        let why: String?
    }
}

/// One log tail to read: a pod's container, the run in progress or the previous one.
public struct LogRead: Sendable, Hashable {
    public var pod: String
    public var container: String
    public var previous: Bool

    /// The log of `container` in `pod`; `previous` for the run before the current one.
    public init(pod: String, container: String, previous: Bool) {
        self.pod = pod
        self.container = container
        self.previous = previous
    }
}

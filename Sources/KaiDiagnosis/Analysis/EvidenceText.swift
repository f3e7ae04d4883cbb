import Foundation
import KaiKube

/// The evidence lines analyzers share: a pod's state, a container's state and last end, the
/// events about objects, the last lines of a log. Text from the cluster is clipped to one line.
enum EvidenceText {
    /// "pod todo-chatbot-backend-…: CrashLoopBackOff, not ready, 4 restarts".
    static func pod(_ pod: Pod) -> EvidenceLine {
        EvidenceLine(.status, "pod \(pod.metadata.name): \(pod.displayStatus), \(pod.isReady ? "ready" : "not ready"), \(restarts(pod.restarts))")
    }

    /// "pod … <- replica set … (revision 2) <- deployment …": who owns the pod, up to its deployment.
    static func owners(of pod: Pod, in evidence: Evidence) -> [EvidenceLine] {
        guard let owner = pod.metadata.controller else { return [] }
        var chain = "pod \(pod.metadata.name) <- \(ObjectIdentity.noun(owner.kind)) \(owner.name)"
        if owner.kind == "ReplicaSet", let set = evidence.replicaSets.first(where: { $0.metadata.name == owner.name }) {
            chain += set.revision.map { " (revision \($0))" } ?? ""
            if let deployment = set.metadata.controller { chain += " <- \(ObjectIdentity.noun(deployment.kind)) \(deployment.name)" }
        }
        return [EvidenceLine(.status, chain)]
    }

    /// "pod … conditions: PodScheduled=True, Ready=False (ContainersNotReady)", when one is not True.
    static func conditions(of pod: Pod) -> [EvidenceLine] {
        let conditions = pod.status?.conditions ?? []
        guard conditions.contains(where: { !$0.isTrue }) else { return [] }
        let text = conditions.map { "\($0.type)=\($0.status)\($0.isTrue ? "" : $0.reason.map { " (\($0))" } ?? "")" }.joined(separator: ", ")
        return [EvidenceLine(.status, "pod \(pod.metadata.name) conditions: \(text)")]
    }

    /// The container's waiting reason and message, and how its last run ended.
    static func container(_ name: String, of pod: Pod) -> [EvidenceLine] {
        guard let status = pod.containerStatuses.first(where: { $0.name == name }) else { return [] }
        var lines: [EvidenceLine] = []
        if let waiting = status.state?.waiting {
            let message = waiting.message.map { ": \(ClusterText.clip($0))" } ?? ""
            lines.append(EvidenceLine(.status, "container \(name) waiting: \(waiting.reason ?? "unknown")\(message)"))
        }
        if let ended = status.lastState?.terminated ?? status.state?.terminated {
            lines.append(EvidenceLine(.status, "container \(name) last ended: \(termination(ended))"))
        }
        return lines
    }

    /// "Error, exit code 1 at 2026-11-25T10:00:00Z" (with the signal when there is one).
    static func termination(_ ended: ContainerState.Terminated) -> String {
        let signal = ended.signal.map { ", signal \($0)" } ?? ""
        let when = ended.finishedAt.map { " at \($0)" } ?? ""
        return "\(ended.reason ?? "terminated"), exit code \(ended.exitCode.map(String.init) ?? "?")\(signal)\(when)"
    }

    /// The latest distinct warning events about `names` (objects of `kind`), oldest first.
    static func warnings(about names: [String], kind: String, in evidence: Evidence, limit: Int = 5) -> [EvidenceLine] {
        let events = names.flatMap { evidence.events(about: kind, $0) }.filter { $0.type == "Warning" }
            .sorted { ($0.time ?? .distantPast) < ($1.time ?? .distantPast) }
        var seen: Set<String> = []
        var lines: [EvidenceLine] = []
        for event in events.reversed() {
            let key = "\(event.reason ?? "")|\(event.message ?? "")"
            guard seen.insert(key).inserted else { continue }
            let count = (event.count ?? 1) > 1 ? " (x\(event.count ?? 1))" : ""
            lines.append(EvidenceLine(.event, "event \(event.reason ?? "Warning")\(count) on \(event.involvedObject.name ?? kind): \(ClusterText.clip(event.message ?? ""))"))
            if lines.count == limit { break }
        }
        return lines.reversed()
    }

    /// A log as evidence: a previous run's output whole (it is short: the run ended), or its first
    /// and last lines when long; the current run's last lines. `keep` is shown too if left out.
    static func log(_ log: ContainerLog, keep: String? = nil) -> [EvidenceLine] {
        var shown: [String]
        if log.previous {
            shown = log.lines.count <= 20 ? log.lines : Array(log.lines.prefix(3)) + ["… \(log.lines.count - 17) lines …"] + log.lines.suffix(14)
        } else {
            shown = Array(log.lines.suffix(8))
        }
        if let keep, !shown.contains(keep), log.lines.contains(keep) { shown.insert(keep, at: 0) }
        let run = log.previous ? "previous run" : "current run"
        return shown.map { EvidenceLine(.log, "log \(log.pod)/\(log.container) (\(run)): \(ClusterText.clip($0))") }
    }

    /// "cpu 100m, memory 256Mi" of a requests or limits map.
    static func quantities(_ values: [String: String]?) -> String {
        guard let values, !values.isEmpty else { return "none" }
        return values.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// "2 of 3 pods", "all 2 pods", "the pod".
    static func count(_ some: Int, of all: Int) -> String {
        all == 1 && some == 1 ? "the pod" : some == all ? "all \(all) pods" : "\(some) of \(all) pods"
    }

    /// "1 restart", "4 restarts".
    static func restarts(_ count: Int) -> String { count == 1 ? "1 restart" : "\(count) restarts" }
}

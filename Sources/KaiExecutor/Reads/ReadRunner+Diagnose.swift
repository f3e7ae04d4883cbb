import KaiCore
import KaiKube

extension ReadRunner {
    /// The evidence of trouble for `target` (or the namespace): pods that are not ready with their
    /// container states and last terminations, and warning events. Messages are clipped data.
    func diagnose(_ target: ObjectReference?, in namespace: String) async throws -> [String] {
        let pods: [Pod]
        switch target {
        case let deployment? where deployment.kind == .deployment: pods = try await self.pods(of: deployment)
        case let pod?: pods = [try await client.get(Pod.self, .pods, pod.name, in: namespace)]
        case nil: pods = try await client.list(Pod.self, .pods, in: namespace).items
        }
        var lines: [String] = []
        for pod in pods.sorted(by: { $0.metadata.name < $1.metadata.name }) where !pod.isReady || pod.restarts > 0 {
            lines.append("pod \(pod.metadata.name): \(pod.displayStatus), \(pod.isReady ? "ready" : "not ready"), \(pod.restarts) restarts")
            for status in pod.containerStatuses {
                if let waiting = status.state?.waiting {
                    lines.append("  container \(status.name) waiting: \(waiting.reason ?? "unknown")\(waiting.message.map { " — \(ClusterText.clip($0))" } ?? "")")
                }
                if let last = status.lastState?.terminated {
                    lines.append("  container \(status.name) last ended: \(last.reason ?? "unknown"), exit code \(last.exitCode.map(String.init) ?? "?")")
                }
            }
        }
        let names = Set(pods.map(\.metadata.name) + (target.map { [$0.name] } ?? []))
        let warnings = try await client.list(Event.self, .events, in: namespace, fieldSelector: "type=Warning").items
            .filter { target == nil || names.contains($0.involvedObject.name ?? "") }
        let table = eventTable(Array(warnings.sorted { ($0.time ?? .distantPast) < ($1.time ?? .distantPast) }.suffix(10)))
        if !table.isEmpty { lines += ["Warning events:"] + table.map { "  " + $0 } }
        let scope = target.map { "\($0.kind.noun) \($0.name)" } ?? "namespace \(namespace)"
        guard !lines.isEmpty else { return ["No sign of trouble in \(scope): \(pods.count) \(pods.count == 1 ? "pod" : "pods"), all ready, no restarts, no warning events."] }
        return ["Evidence for \(scope):"] + lines
    }
}

import KaiCore
import KaiKube

extension ReadRunner {
    /// A pod's log, or each pod's log of a deployment with the pod's name in front of every line.
    func logs(_ logs: CatalogOperation.Logs) async throws -> [String] {
        let request = LogRequest(container: logs.container?.value, tailLines: logs.tail.value, sinceSeconds: logs.since?.seconds,
                                 previous: logs.previous)
        let source = logs.source
        switch source.kind {
        case .pod:
            let text = try await client.logs(pod: source.name, in: source.namespace, request)
            return Self.lines(text, empty: "Pod \(source.name) has written no log lines\(logs.previous ? " in its previous run" : "") in that window.")
        case .deployment:
            let pods = try await pods(of: source)
            guard !pods.isEmpty else { return ["Deployment \(source.name) has no pods."] }
            var lines: [String] = []
            for pod in pods {
                do {
                    let text = try await client.logs(pod: pod.metadata.name, in: source.namespace, request)
                    lines += Self.lines(text, empty: nil).map { "[\(pod.metadata.name)] \($0)" }
                } catch let error as KubeError where error.reason == .invalid || error.reason == .notFound {
                    // A pod with no previous run, or one not started yet, has no log to show; the others still do.
                    lines.append("[\(pod.metadata.name)] (no log: \(error.problem))")
                }
            }
            return lines.isEmpty ? ["The pods of deployment \(source.name) have written no log lines in that window."] : lines
        }
    }

    private static func lines(_ text: String, empty: String?) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if lines.isEmpty, let empty { return [empty] }
        return lines
    }
}

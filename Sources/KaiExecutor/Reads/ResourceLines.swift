import KaiDiagnosis
import KaiKube

/// A resource report for a person: the table of requests, limits and usage, then each
/// container's recommendation with its reasoning and the chart keys, then headroom.
enum ResourceLines {
    static func render(_ report: ResourceReport) -> [String] {
        guard !report.containers.isEmpty else { return ["No workloads to measure in \(report.target)."] }
        var lines = TextTable.render(["WORKLOAD", "CONTAINER", "CPU REQ/LIMIT", "CPU USED", "MEMORY REQ/LIMIT", "MEMORY USED"], report.containers.map { row in
            [row.workload, row.container,
             "\(cpu(row.requests.cpu))/\(cpu(row.limits.cpu))", used(row.peakUsage?.cpu, of: row.requests.cpu, cpu),
             "\(memory(row.requests.memory))/\(memory(row.limits.memory))", used(row.peakUsage?.memory, of: row.requests.memory, memory)
                + (row.oomKilled ? " (OOM-killed)" : "")]
        })
        let recommended = report.containers.filter { $0.recommended != nil }
        var fixNumber = 0
        if !recommended.isEmpty { lines.append("Recommended requests and limits:") }
        for row in recommended {
            guard let recommendation = row.recommended else { continue }
            lines.append("  \(row.workload)/\(row.container): requests cpu \(cpu(recommendation.requests.cpu)), memory \(memory(recommendation.requests.memory)); "
                         + "limits cpu \(cpu(recommendation.limits.cpu)), memory \(memory(recommendation.limits.memory))")
            lines += recommendation.reasoning.map { "    \($0)" }
            if !recommendation.values.isEmpty {
                lines.append("    in values.yaml: " + recommendation.values.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
            }
            if let fix = recommendation.fix {
                fixNumber += 1
                lines.append("    fix \(fixNumber): \(fix.operation.name) \(fix.operation.target.map(\.description) ?? "") [\(fix.operation.risk.rawValue)] — \(fix.summary)")
                if let request = FixPhrase.request(for: fix.operation) { lines.append("           ask for it: kai \"\(request)\"") }
            }
        }
        if fixNumber > 0 {
            lines.append("Suggested fixes are not run. Ask for one as shown (it is planned, checked and confirmed like any request), or in the REPL type /fix N.")
        }
        for node in report.nodes {
            lines.append("Node \(node.node): cpu \(cpu(node.requested.cpu)) of \(cpu(node.allocatable.cpu)) requested (\(cpu(node.free.cpu)) free), "
                         + "memory \(memory(node.requested.memory)) of \(memory(node.allocatable.memory)) (\(memory(node.free.memory)) free), \(node.pods) pods.")
        }
        for autoscaler in report.autoscalers {
            let more = autoscaler.max - autoscaler.current
            let room = autoscaler.fits.map { $0 ? "the nodes have room for them" : "the nodes do NOT have room for them" } ?? "node room unknown"
            lines.append("Autoscaler \(autoscaler.autoscaler): \(autoscaler.current) of \(autoscaler.min)–\(autoscaler.max) replicas"
                         + (autoscaler.cpuTarget.map { " at \($0)% CPU" } ?? "")
                         + (more > 0 ? "; \(more) more would request cpu \(cpu(autoscaler.extraRequests.cpu)), memory \(memory(autoscaler.extraRequests.memory)): \(room)." : "; at its maximum."))
        }
        return lines + report.notes.map { "Note: \($0)" }
    }

    private static func cpu(_ cores: Double?) -> String { cores.map(Quantity.millicores) ?? "-" }
    private static func memory(_ bytes: Double?) -> String { bytes.map(Quantity.mebibytes) ?? "-" }

    private static func used(_ value: Double?, of request: Double?, _ format: (Double?) -> String) -> String {
        guard let value else { return "-" }
        guard let request, request > 0 else { return format(value) }
        return "\(format(value)) (\(Int((value / request * 100).rounded()))% of request)"
    }
}

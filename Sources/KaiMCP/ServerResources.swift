import Foundation
import KaiCore
import KaiExecutor
import KaiPlanning
import KaiTerminal
import MCP

/// What an agent can read without calling a tool: the cluster summary kai's own model is given,
/// the last diagnosis a tool call made, and the audit history of changes.
enum ServerResources {
    static let summary = "kai://cluster/summary"
    static let lastDiagnosis = "kai://diagnosis/last"
    static let audit = "kai://audit/recent"

    static let list = [
        Resource(name: "cluster-summary", uri: summary, title: "Cluster summary",
                 description: "The namespace as kai's model sees it: deployments with readiness, images and autoscalers, pods not running, recent warnings.",
                 mimeType: "text/plain"),
        Resource(name: "last-diagnosis", uri: lastDiagnosis, title: "Last diagnosis",
                 description: "The JSON report of the last diagnose call made through this server.", mimeType: "application/json"),
        Resource(name: "audit-history", uri: audit, title: "Audit history",
                 description: "The newest 20 changes in kai's audit log, as `kai undo --list -o json` prints them.", mimeType: "application/json"),
    ]

    /// The contents of `uri`, cleaned like tool results; an unknown URI is an error naming the known ones.
    static func read(_ uri: String, kai: KaiMCPServer) async throws -> ReadResource.Result {
        let text: String
        let type: String
        switch uri {
        case summary:
            let snapshot = try await kai.snapshot()
            text = ClusterSummary.text(snapshot, warnings: await ClusterSummary.warnings(in: snapshot.namespace, client: kai.client))
            type = "text/plain"
        case lastDiagnosis:
            text = await kai.lastDiagnosis.report ?? "{\"message\": \"No diagnosis has run through this server yet: call the diagnose tool.\"}\n"
            type = "application/json"
        case audit:
            do {
                text = AuditText.json(try kai.audit.history(), limit: 20)
            } catch {
                throw MCPError.internalError(error.description)
            }
            type = "application/json"
        default:
            throw MCPError.invalidParams("There is no resource \(MCPValue.cleanText(String(uri.prefix(80)))); kai has \(list.map(\.uri).joined(separator: ", ")).")
        }
        return ReadResource.Result(contents: [.text(MCPValue.cleanText(text), uri: uri, mimeType: type)])
    }
}

/// The JSON report of the last diagnose call, for the `kai://diagnosis/last` resource.
actor LastDiagnosis {
    private(set) var report: String?

    func record(_ report: String) { self.report = report }
}

import Foundation
import KaiConfig
import KaiCore
import KaiExecutor
import KaiKube
import KaiPolicy

/// The checks of what is on this machine: the config file, the policy, the kubeconfig and the state folder.
public enum LocalChecks {
    /// The configuration that was read, and which interpreter it sets. (A configuration that cannot be read fails with its error.)
    public static func configuration(_ configuration: Configuration) -> DoctorCheck {
        let file = configuration.file.map { "Read \($0)" } ?? "No config file; built-in defaults, the environment and flags apply"
        return .ok("config", "\(file); interpreter \(configuration.interpreter.value.rawValue).")
    }

    /// The policy that was read, and what it allows.
    public static func policy(_ policy: Policy) -> DoctorCheck {
        var what = "namespaces \(policy.namespaces.listed()), at most \(policy.maxReplicas) replicas"
        if !policy.disabledOperations.isEmpty { what += ", switched off: \(policy.disabledOperations.map(\.rawValue).sorted().joined(separator: ", "))" }
        if policy.readOnly { what += ", read-only" }
        return .ok("policy", "Policy from \(policy.source): \(what).")
    }

    /// The context, cluster and user the kubeconfig (or the pod's service account) gives; a warning
    /// when the server URL carries a user name or password (shown masked).
    public static func kubeconfig(_ endpoint: ClusterEndpoint) -> DoctorCheck {
        let summary = "Context \(endpoint.contextName): cluster \(endpoint.clusterName) at \(endpoint.server.masked), user \(endpoint.userName), namespace \(endpoint.namespace)."
        let details = endpoint.origin.isEmpty ? [] : ["from \(endpoint.origin)"]
        guard endpoint.server.user == nil, endpoint.server.password == nil else {
            return .warning("kubeconfig", summary + " Its server URL carries credentials.", details: details,
                            fix: "Remove the user name and password from the server URL of cluster \(endpoint.clusterName) and give them as the user's token or client certificate; kai masks them, but other tools may print them.")
        }
        return .ok("kubeconfig", summary, details: details)
    }

    /// Whether kai can write its audit log and history in `folder` (creating it as kai would).
    public static func stateFolder(_ folder: String) -> DoctorCheck {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return .failed("state", "Cannot create \(folder) for the audit log and history.", fix: "Make it writable, or set XDG_STATE_HOME to a folder you can write.",
                           category: .usage)
        }
        guard access(folder, W_OK) == 0 else {
            return .failed("state", "\(folder) is not writable: changes could not be audited, so kai would refuse to make them.",
                           fix: "Make it writable, or set XDG_STATE_HOME to a folder you can write.", category: .usage)
        }
        return .ok("state", "Audit log and history in \(folder).")
    }
}

extension LocalChecks {
    /// Whether every line of the audit log is a record kai can read; the unreadable ones are named
    /// by line number, since undo and /history leave them out.
    public static func auditLog(_ log: AuditLog) -> DoctorCheck {
        let history: AuditHistory
        do {
            history = try log.history()
        } catch {
            return .failed("audit", error)
        }
        let unknown = history.changes.filter { $0.outcome == .unknown }.count
        let summary = "\(history.changes.count) \(history.changes.count == 1 ? "change" : "changes") recorded in \(log.path)"
            + (unknown > 0 ? ", \(unknown) with an unknown outcome (kai undo checks them against the cluster)" : "")
        guard !history.unreadable.isEmpty else { return .ok("audit", summary + ".") }
        return .warning("audit", summary + "; \(history.unreadableSummary ?? "")",
                        details: history.unreadable.map { "line \($0.number): \($0.excerpt)" },
                        fix: "Those lines are left out of kai undo and /history. Move them to another file if they matter; kai starts each record on a fresh line, so they do not harm the ones after them.")
    }
}

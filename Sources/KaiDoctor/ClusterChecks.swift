import KaiCore
import KaiExecutor
import KaiKube
import KaiPolicy

/// The checks made against the cluster: reachable, credentials accepted, namespace present,
/// each catalog operation permitted (asked of the API server's authorizer), metrics served.
public struct ClusterChecks: Sendable {
    public let client: KubeClient
    public let namespace: String
    /// Operations switched off by the policy (or all changes, read-only) are not asked about.
    public let policy: Policy

    /// Checks against `client`'s cluster in `namespace`, for the operations `policy` allows.
    public init(client: KubeClient, namespace: String, policy: Policy) {
        self.client = client
        self.namespace = namespace
        self.policy = policy
    }

    /// Every cluster check, in order; once the cluster cannot be reached the rest are skipped.
    public func run() async -> [DoctorCheck] {
        let version: String
        do {
            version = try await client.serverVersion()
        } catch let error as any KaiError {
            return [.failed("cluster", error)] + ["namespace", "permissions", "metrics"].map { .skipped($0, because: "the cluster cannot be reached") }
        } catch {
            return [.failed("cluster", "\(error)", fix: "Check the cluster is running.", category: .unreachable)]
        }
        let reachable = DoctorCheck.ok("cluster", "Reachable at \(client.server), Kubernetes \(version).")
        return [reachable, await namespacePresent(), await permissions(), await metrics()]
    }

    private func namespacePresent() async -> DoctorCheck {
        do {
            _ = try await client.get(KaiKube.AnyObject.self, .namespaces, namespace, in: nil)
            return .ok("namespace", "Namespace \(namespace) exists.")
        } catch let error as KubeError where error.reason == .notFound {
            return .failed("namespace", "Namespace \(namespace) does not exist on this cluster.",
                           fix: "Install the chart there (`helm install todo-chatbot charts/todo-chatbot -n \(namespace) --create-namespace`), or pass -n NAME / set namespace: in config.yaml.",
                           category: .usage)
        } catch let error as KubeError where error.reason == .forbidden {
            // A namespaced Role cannot read Namespace objects; what it can list shows whether the namespace holds anything.
            let deployments = try? await client.list(KaiKube.AnyObject.self, .deployments, in: namespace).items.count
            guard let deployments, deployments > 0 else {
                return .warning("namespace", "Cannot read namespace \(namespace) (no permission) and it has no deployments kai can see.",
                                fix: "Check -n / namespace: in config.yaml names the namespace the application runs in.")
            }
            return .ok("namespace", "Namespace \(namespace) holds \(deployments) \(deployments == 1 ? "deployment" : "deployments") (the namespace itself is not readable with this identity).")
        } catch let error as any KaiError {
            return .failed("namespace", error)
        } catch {
            return .failed("namespace", "\(error)", fix: "", category: .operationFailed)
        }
    }

    /// Asks the authorizer about every permission the allowed operations need, once each.
    private func permissions() async -> DoctorCheck {
        let operations = OperationName.allCases.filter { operation in
            !policy.disabledOperations.contains(operation) && !(policy.readOnly && operation.isChange)
        }
        let needed = Set(CatalogPermissions.snapshot + operations.flatMap(CatalogPermissions.needed(by:)))
        var decisions: [APIPermission: AccessDecision] = [:]
        do {
            decisions = try await withThrowingTaskGroup(of: AccessDecision.self) { group in
                for permission in needed { group.addTask { try await client.mayI(permission, in: namespace) } }
                var answers: [APIPermission: AccessDecision] = [:]
                for try await decision in group { answers[decision.permission] = decision }
                return answers
            }
        } catch let error as KubeError where error.reason == .notFound {
            return .warning("permissions", "This API server does not answer SelfSubjectAccessReview, so kai cannot check its permissions in advance.",
                            fix: "Try a read (`kai \"list pods\"`); a missing permission is reported with the Role rule to add.")
        } catch let error as any KaiError {
            return .failed("permissions", error)
        } catch {
            return .failed("permissions", "\(error)", fix: "", category: .operationFailed)
        }
        let denied = { (permissions: [APIPermission]) in permissions.filter { decisions[$0]?.allowed != true } }
        let snapshotDenied = denied(CatalogPermissions.snapshot)
        var lines: [String] = []
        var unusable: [OperationName] = []
        for operation in OperationName.allCases {
            guard operations.contains(operation) else {
                lines.append("\(operation.rawValue): not checked (\(policy.readOnly && operation.isChange ? "read-only" : "switched off by the policy"))")
                continue
            }
            let missing = denied(CatalogPermissions.needed(by: operation))
            if missing.isEmpty {
                lines.append("\(operation.rawValue): allowed")
            } else {
                unusable.append(operation)
                lines.append("\(operation.rawValue): missing \(missing.map(\.description).joined(separator: ", "))")
            }
        }
        let missing = Set(snapshotDenied + operations.flatMap { denied(CatalogPermissions.needed(by: $0)) })
        let fix = "Grant them in a Role bound to \(client.endpoint.userName) in \(namespace):\n" + RoleRules.yaml(for: missing)
        if !snapshotDenied.isEmpty {
            return .failed("permissions", "kai cannot read the namespace to plan anything: missing \(snapshotDenied.map(\.description).joined(separator: ", ")).",
                           details: lines, fix: fix, category: .operationFailed)
        }
        guard unusable.isEmpty else {
            return .warning("permissions", "\(unusable.count) of \(operations.count) operations are not permitted: \(unusable.map(\.rawValue).joined(separator: ", ")).",
                            details: lines, fix: fix)
        }
        return .ok("permissions", "Every operation the policy allows is permitted (\(operations.count) operations, \(needed.count) permissions checked).",
                   details: lines)
    }

    private func metrics() async -> DoctorCheck {
        do {
            let pods = try await client.list(KaiKube.AnyObject.self, .podMetrics, in: namespace).items.count
            return .ok("metrics", "The metrics API answers (\(pods) pods measured).")
        } catch let error as KubeError where error.reason == .notFound {
            return .warning("metrics", "The metrics API is not served: resource reports show requests and limits without usage.",
                            fix: "Enable metrics-server (`minikube addons enable metrics-server`).")
        } catch let error as KubeError where error.reason == .forbidden {
            return .warning("metrics", "This identity may not read the metrics API.", fix: "Grant list on pods in the metrics.k8s.io group.")
        } catch {
            return .warning("metrics", "The metrics API did not answer.", fix: "Check metrics-server is running.")
        }
    }
}

/// A Role's `rules:` granting `permissions`, grouped as people write them.
enum RoleRules {
    static func yaml(for permissions: Set<APIPermission>) -> String {
        var byResource: [String: (group: String, verbs: Set<String>)] = [:]
        for permission in permissions {
            let key = "\(permission.group)|\(permission.rbacResource)"
            byResource[key, default: (permission.group, [])].verbs.insert(permission.verb)
        }
        return byResource.sorted { $0.key < $1.key }.map { key, rule in
            let resource = key.split(separator: "|", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            return "  - apiGroups: [\"\(rule.group)\"]\n    resources: [\"\(resource)\"]\n    verbs: [\(rule.verbs.sorted().map { "\"\($0)\"" }.joined(separator: ", "))]"
        }.joined(separator: "\n")
    }
}

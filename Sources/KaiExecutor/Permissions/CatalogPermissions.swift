import KaiCore
import KaiKube

/// The API permissions each catalog operation uses, as the executor calls the API: what a Role
/// must grant for kai to work, and what `kai doctor` asks the server about.
public enum CatalogPermissions {
    /// Read before every request, to plan against the live cluster.
    public static let snapshot = [list(.deployments), list(.replicaSets), list(.pods), list(.autoscalers)]

    /// Following a change's rollout to the end.
    static let rollout = [get(.deployments), APIPermission("watch", .deployments), list(.replicaSets), list(.pods), APIPermission("watch", .pods)]

    /// The permissions `operation` needs besides the snapshot.
    public static func needed(by operation: OperationName) -> [APIPermission] {
        let state = [get(.deployments), list(.autoscalers), list(.replicaSets), list(.pods)]
        let permissions: [APIPermission] = switch operation {
        case .list: ResourceKind.allCases.map { list($0.apiResource) }
        case .describe: [get(.deployments), get(.pods), list(.autoscalers), list(.events), list(.pods), list(.replicaSets)]
        case .logs: [get(.deployments), list(.pods), APIPermission("get", .pods, subresource: "log")]
        case .events: [get(.deployments), list(.events), list(.pods), list(.replicaSets)]
        case .diagnose: [list(.deployments), list(.replicaSets), list(.pods), list(.events), list(.services), list(.autoscalers),
                         list(.endpoints), list(.persistentVolumeClaims), list(.configMaps), list(.podMetrics),
                         APIPermission("get", .pods, subresource: "log")]
        case .resources: [list(.deployments), list(.replicaSets), list(.pods), list(.autoscalers), list(.podMetrics)]
        case .rolloutStatus: [get(.deployments), list(.replicaSets), list(.pods)]
        case .rolloutHistory: [get(.deployments), list(.replicaSets)]
        case .scale: state + [APIPermission("get", .deployments, subresource: "scale"), APIPermission("update", .deployments, subresource: "scale")] + rollout
        case .restart, .rollback, .setImage, .setResources: state + [APIPermission("patch", .deployments)] + rollout
        case .autoscale: state + [APIPermission("create", .autoscalers), APIPermission("patch", .autoscalers)]
        case .removeAutoscaler: [get(.deployments), list(.autoscalers), APIPermission("delete", .autoscalers)]
        case .deletePod: [get(.pods), get(.replicaSets), APIPermission("delete", .pods)] + rollout
        }
        var seen = Set<APIPermission>()
        return permissions.filter { seen.insert($0).inserted }
    }

    private static func get(_ resource: APIResource) -> APIPermission { APIPermission("get", resource) }
    private static func list(_ resource: APIResource) -> APIPermission { APIPermission("list", resource) }
}

extension ResourceKind {
    /// Where the API serves this kind.
    var apiResource: APIResource {
        switch self {
        case .pods: .pods
        case .deployments: .deployments
        case .replicasets: .replicaSets
        case .services: .services
        case .events: .events
        case .hpa: .autoscalers
        case .configmaps: .configMaps
        }
    }
}

/// One kind of object the sandbox serves, with the metadata API discovery advertises for it.
public struct ResourceType: Sendable, Hashable {
    /// The API group; "" for the core group served under /api.
    public let group: String
    public let version: String
    public let kind: String
    /// The plural name used in paths: "deployments".
    public let plural: String
    public let singular: String
    public let namespaced: Bool
    public let shortNames: [String]
    public let verbs: [String]
    /// Subresources such as "status", "scale", "log".
    public let subresources: [String]
    public let categories: [String]

    /// "apps/v1", or "v1" for the core group.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// The `kind` of a list of these objects.
    public var listKind: String { "\(kind)List" }
    /// Whether objects of this kind have a spec whose changes bump `metadata.generation`.
    public var hasGeneration: Bool { !["ConfigMap", "Secret", "Event", "Endpoints", "ServiceAccount", "Namespace", "Role", "RoleBinding",
                                            "ClusterRole", "ClusterRoleBinding"].contains(kind) }

    static let readWrite = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    init(_ group: String, _ version: String, _ kind: String, _ plural: String, namespaced: Bool = true,
         shortNames: [String] = [], verbs: [String] = readWrite, subresources: [String] = [], categories: [String] = []) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = kind.lowercased()
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.verbs = verbs
        self.subresources = subresources
        self.categories = categories
    }
}

/// Every resource the sandbox serves, as a real cluster lists them in discovery.
public enum ResourceCatalog {
    public static let namespace = ResourceType("", "v1", "Namespace", "namespaces", namespaced: false, shortNames: ["ns"], subresources: ["status"])
    public static let node = ResourceType("", "v1", "Node", "nodes", namespaced: false, shortNames: ["no"], subresources: ["status"])
    public static let pod = ResourceType("", "v1", "Pod", "pods", shortNames: ["po"], subresources: ["status", "log", "eviction"], categories: ["all"])
    public static let service = ResourceType("", "v1", "Service", "services", shortNames: ["svc"], subresources: ["status"], categories: ["all"])
    public static let endpoints = ResourceType("", "v1", "Endpoints", "endpoints", shortNames: ["ep"])
    public static let event = ResourceType("", "v1", "Event", "events", shortNames: ["ev"])
    public static let configMap = ResourceType("", "v1", "ConfigMap", "configmaps", shortNames: ["cm"])
    public static let secret = ResourceType("", "v1", "Secret", "secrets")
    public static let serviceAccount = ResourceType("", "v1", "ServiceAccount", "serviceaccounts", shortNames: ["sa"], subresources: ["token"])
    public static let persistentVolumeClaim = ResourceType("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", shortNames: ["pvc"], subresources: ["status"])
    public static let deployment = ResourceType("apps", "v1", "Deployment", "deployments", shortNames: ["deploy"], subresources: ["status", "scale"], categories: ["all"])
    public static let replicaSet = ResourceType("apps", "v1", "ReplicaSet", "replicasets", shortNames: ["rs"], subresources: ["status", "scale"], categories: ["all"])
    public static let statefulSet = ResourceType("apps", "v1", "StatefulSet", "statefulsets", shortNames: ["sts"], subresources: ["status", "scale"], categories: ["all"])
    /// Jobs start their pods (``JobController``); the sandbox's containers never exit, so they stay active.
    public static let job = ResourceType("batch", "v1", "Job", "jobs", subresources: ["status"], categories: ["all"])
    public static let autoscaler = ResourceType("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", shortNames: ["hpa"], subresources: ["status"], categories: ["all"])

    public static let role = ResourceType("rbac.authorization.k8s.io", "v1", "Role", "roles")
    public static let roleBinding = ResourceType("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings")
    public static let clusterRole = ResourceType("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", namespaced: false)
    public static let clusterRoleBinding = ResourceType("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", namespaced: false)

    public static let all: [ResourceType] = [
        namespace, node, pod, service, endpoints, event, configMap, secret, serviceAccount, persistentVolumeClaim,
        deployment, replicaSet, statefulSet, job, autoscaler,
        Versions.eventsV1, Versions.autoscalingV1,
        role, roleBinding, clusterRole, clusterRoleBinding,
        ResourceType("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", namespaced: false, verbs: ["create"]),
        ResourceType("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", namespaced: false, verbs: ["create"]),
        ResourceType("metrics.k8s.io", "v1beta1", "PodMetrics", "pods", verbs: ["get", "list"]),
        ResourceType("metrics.k8s.io", "v1beta1", "NodeMetrics", "nodes", namespaced: false, verbs: ["get", "list"]),
    ]

    /// The resource at `group`/`version` called `plural`.
    public static func find(group: String, version: String, plural: String) -> ResourceType? {
        all.first { $0.group == group && $0.version == version && $0.plural == plural }
    }

    /// The resource an object's `apiVersion` and `kind` name.
    public static func find(apiVersion: String, kind: String) -> ResourceType? {
        all.first { $0.groupVersion == apiVersion && $0.kind == kind }
    }

    /// The groups other than core, each with its versions, in discovery order.
    public static var groups: [(name: String, versions: [String])] {
        var seen: [(name: String, versions: [String])] = []
        for resource in all where !resource.group.isEmpty {
            if let index = seen.firstIndex(where: { $0.name == resource.group }) {
                if !seen[index].versions.contains(resource.version) { seen[index].versions.append(resource.version) }
            } else {
                seen.append((resource.group, [resource.version]))
            }
        }
        return seen
    }
}

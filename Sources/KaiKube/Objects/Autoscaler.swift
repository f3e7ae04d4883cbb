import KaiCore

/// A HorizontalPodAutoscaler (autoscaling/v2).
public struct Autoscaler: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    /// `spec`: what the object should be, as the API names its fields.
    public struct Spec: Codable, Sendable, Hashable {
        public var scaleTargetRef: TargetReference
        public var minReplicas: Int?
        public var maxReplicas: Int
        public var metrics: [Metric]?
    }

    /// The workload the autoscaler scales.
    public struct TargetReference: Codable, Sendable, Hashable {
        public var apiVersion: String?
        public var kind: String
        public var name: String
    }

    /// One metric the autoscaler follows.
    public struct Metric: Codable, Sendable, Hashable {
        public var type: String
        public var resource: ResourceMetric?
    }

    /// A CPU or memory metric and its target.
    public struct ResourceMetric: Codable, Sendable, Hashable {
        public var name: String
        public var target: Target
    }

    /// The target value of a metric, as a utilisation percentage of the requests.
    public struct Target: Codable, Sendable, Hashable {
        public var type: String
        public var averageUtilization: Int?
    }

    /// `status`: what the cluster reports about the object.
    public struct Status: Codable, Sendable, Hashable {
        public var currentReplicas: Int?
        public var desiredReplicas: Int?
        public var conditions: [Condition]?
    }

    /// The CPU utilisation target, if the autoscaler has one.
    public var cpuPercent: Int? {
        spec.metrics?.first { $0.resource?.name == "cpu" }?.resource?.target.averageUtilization
    }

    /// `spec.minReplicas`, which the API defaults to 1.
    public var minReplicas: Int { spec.minReplicas ?? 1 }

    /// Whether it scales deployment `name`.
    public func targets(_ name: String) -> Bool { spec.scaleTargetRef.kind == "Deployment" && spec.scaleTargetRef.name == name }

    /// Its bounds, as a change's "before" records them.
    public var state: AutoscalerState {
        AutoscalerState(name: metadata.name, min: minReplicas, max: spec.maxReplicas, cpuPercent: cpuPercent)
    }

    /// A new autoscaler for deployment `name` in `namespace`, between `min` and `max` at `cpuPercent`,
    /// called `autoscalerName` (by default the deployment's name).
    public static func forDeployment(_ name: String, namespace: String, min: Int, max: Int, cpuPercent: Int,
                                     autoscalerName: String? = nil) -> Autoscaler {
        Autoscaler(apiVersion: APIResource.autoscalers.apiVersion, kind: "HorizontalPodAutoscaler",
                   metadata: ObjectMeta(name: autoscalerName ?? name, namespace: namespace),
                   spec: Spec(scaleTargetRef: TargetReference(apiVersion: "apps/v1", kind: "Deployment", name: name),
                              minReplicas: min, maxReplicas: max, metrics: [.cpu(cpuPercent)]),
                   status: nil)
    }
}

extension Autoscaler.Metric {
    /// Average CPU utilisation of `percent` of the requests.
    public static func cpu(_ percent: Int) -> Self {
        Self(type: "Resource", resource: .init(name: "cpu", target: .init(type: "Utilization", averageUtilization: percent)))
    }
}

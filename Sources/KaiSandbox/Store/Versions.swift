/// Kinds served in more than one API version, kept once in their storage version and converted
/// on the way in and out, as the API server does: `autoscaling/v1` HorizontalPodAutoscalers are
/// `autoscaling/v2` ones seen through v1's single CPU target, and `events.k8s.io/v1` Events are
/// core Events with the newer field names.
enum Versions {
    static let autoscalingV1 = ResourceType("autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers",
                                            shortNames: ["hpa"], subresources: ["status"], categories: ["all"])
    static let eventsV1 = ResourceType("events.k8s.io", "v1", "Event", "events", shortNames: ["ev"])

    /// The resource whose bucket holds objects of `resource`.
    static func storage(of resource: ResourceType) -> ResourceType {
        switch resource {
        case autoscalingV1: ResourceCatalog.autoscaler
        case eventsV1: ResourceCatalog.event
        default: resource
        }
    }

    /// `object`, stored as `storage(of: resource)`, as a client of `resource` sees it.
    static func present(_ object: JSONValue, as resource: ResourceType) -> JSONValue {
        switch resource {
        case autoscalingV1: autoscalerV1(from: object)
        case eventsV1: eventV1(from: object)
        default: object
        }
    }

    /// `object`, sent by a client of `resource`, in its storage version. `current` is what is
    /// stored now, so fields the older version cannot express are kept.
    static func toStorage(_ object: JSONValue, from resource: ResourceType, current: JSONValue? = nil) -> JSONValue {
        switch resource {
        case autoscalingV1: autoscalerV2(from: object, current: current)
        case eventsV1: coreEvent(from: object)
        default: object
        }
    }

    // MARK: HorizontalPodAutoscaler

    private static func autoscalerV1(from v2: JSONValue) -> JSONValue {
        var v1 = v2
        v1["apiVersion"] = "autoscaling/v1"
        let cpu = (v2[path: "spec.metrics"].array ?? []).first { $0["type"].string == "Resource" && $0[path: "resource.name"].string == "cpu" }
        v1["spec"] = ["scaleTargetRef": v2[path: "spec.scaleTargetRef"], "minReplicas": v2[path: "spec.minReplicas"],
                      "maxReplicas": v2[path: "spec.maxReplicas"],
                      "targetCPUUtilizationPercentage": cpu?[path: "resource.target.averageUtilization"] ?? .null]
        if !v2["status"].isNull {
            let current = (v2[path: "status.currentMetrics"].array ?? []).first { $0[path: "resource.name"].string == "cpu" }
            v1["status"] = ["observedGeneration": v2[path: "status.observedGeneration"], "lastScaleTime": v2[path: "status.lastScaleTime"],
                            "currentReplicas": v2[path: "status.currentReplicas"] , "desiredReplicas": v2[path: "status.desiredReplicas"],
                            "currentCPUUtilizationPercentage": current?[path: "resource.current.averageUtilization"] ?? .null]
        }
        return v1
    }

    private static func autoscalerV2(from v1: JSONValue, current: JSONValue?) -> JSONValue {
        var v2 = v1
        v2["apiVersion"] = "autoscaling/v2"
        var spec = current?["spec"] ?? [:]
        for field in ["scaleTargetRef", "minReplicas", "maxReplicas"] { spec[field] = v1[path: "spec.\(field)"] }
        if spec["minReplicas"].isNull { spec["minReplicas"] = 1 }
        var metrics = (spec["metrics"].array ?? []).filter { !($0["type"].string == "Resource" && $0[path: "resource.name"].string == "cpu") }
        let target = v1[path: "spec.targetCPUUtilizationPercentage"].isNull ? JSONValue.int(80) : v1[path: "spec.targetCPUUtilizationPercentage"]
        metrics.insert(["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": target]]], at: 0)
        spec["metrics"] = .array(metrics)
        v2["spec"] = spec
        v2["status"] = current?["status"] ?? .null
        return v2
    }

    // MARK: Event

    private static let eventFields: [(core: String, events: String)] = [
        ("involvedObject", "regarding"), ("message", "note"), ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"), ("count", "deprecatedCount"), ("source", "deprecatedSource"),
        ("reportingComponent", "reportingController"),
    ]

    private static func eventV1(from core: JSONValue) -> JSONValue {
        var event = renaming(core, to: "events.k8s.io/v1", fields: eventFields.map { ($0.core, $0.events) })
        if event["eventTime"].isNull { event["eventTime"] = core["firstTimestamp"].isNull ? core[path: "metadata.creationTimestamp"] : core["firstTimestamp"] }
        return event
    }

    private static func coreEvent(from event: JSONValue) -> JSONValue {
        renaming(event, to: "v1", fields: eventFields.map { ($0.events, $0.core) })
    }

    /// `object` as `apiVersion`, each field moved from its first name to its second.
    private static func renaming(_ object: JSONValue, to apiVersion: JSONValue, fields: [(from: String, to: String)]) -> JSONValue {
        var renamed = object
        renamed["apiVersion"] = apiVersion
        for (from, to) in fields {
            renamed[to] = object[from]
            renamed[from] = .null
        }
        return renamed
    }
}

/// The defaults a real API server fills into objects it is sent, so what clients read back
/// looks as it would from a cluster: a Deployment's strategy and history limit, a pod's restart
/// and DNS policy, a container's pull policy, a Service's type, ports and cluster IP.
/// Only missing fields are filled; nothing a client sent is changed.
enum Defaults {
    /// `object` with the defaults for `resource`; `taken` holds the addresses and ports Services already have.
    static func apply(_ resource: ResourceType, to object: JSONValue, taken: ServiceAllocations = ServiceAllocations()) -> JSONValue {
        var object = object
        switch resource.kind {
        case "Pod":
            object["spec"] = podSpec(object["spec"])
        case "Deployment":
            fill(&object, "spec.replicas", 1)
            fill(&object, "spec.revisionHistoryLimit", 10)
            fill(&object, "spec.progressDeadlineSeconds", 600)
            if object[path: "spec.strategy.type"].isNull { object[path: "spec.strategy.type"] = "RollingUpdate" }
            if object[path: "spec.strategy.type"].string == "RollingUpdate" {
                fill(&object, "spec.strategy.rollingUpdate.maxSurge", "25%")
                fill(&object, "spec.strategy.rollingUpdate.maxUnavailable", "25%")
            }
            object[path: "spec.template.spec"] = podSpec(object[path: "spec.template.spec"])
        case "ReplicaSet":
            fill(&object, "spec.replicas", 1)
            object[path: "spec.template.spec"] = podSpec(object[path: "spec.template.spec"])
        case "StatefulSet":
            fill(&object, "spec.replicas", 1)
            fill(&object, "spec.revisionHistoryLimit", 10)
            fill(&object, "spec.podManagementPolicy", "OrderedReady")
            if object[path: "spec.updateStrategy.type"].isNull {
                object[path: "spec.updateStrategy"] = ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]]
            }
            object[path: "spec.template.spec"] = podSpec(object[path: "spec.template.spec"])
        case "Service":
            object["spec"] = serviceSpec(object["spec"], taken: taken,
                                         name: "\(object[path: "metadata.namespace"].string ?? "")/\(object[path: "metadata.name"].string ?? "")")
        case "Secret":
            fill(&object, "type", "Opaque")
        case "Namespace":
            fill(&object, "status.phase", "Active")
        default:
            break
        }
        return object
    }

    private static func fill(_ object: inout JSONValue, _ path: String, _ value: JSONValue) {
        if object[path: path].isNull { object[path: path] = value }
    }

    private static func podSpec(_ spec: JSONValue) -> JSONValue {
        guard !spec.isNull else { return spec }
        var spec = spec
        fill(&spec, "restartPolicy", "Always")
        fill(&spec, "terminationGracePeriodSeconds", 30)
        fill(&spec, "dnsPolicy", "ClusterFirst")
        fill(&spec, "schedulerName", "default-scheduler")
        fill(&spec, "securityContext", [:])
        fill(&spec, "serviceAccountName", "default")
        for key in ["containers", "initContainers"] {
            guard let containers = spec[key].array else { continue }
            spec[key] = .array(containers.map(container))
        }
        return spec
    }

    private static func container(_ container: JSONValue) -> JSONValue {
        var container = container
        let image = container["image"].string ?? ""
        let tag = image.split(separator: "@").first.flatMap { reference in
            reference.lastIndex(of: ":").flatMap { colon in reference[colon...].contains("/") ? nil : String(reference[reference.index(after: colon)...]) }
        }
        fill(&container, "imagePullPolicy", tag == nil || tag == "latest" ? "Always" : "IfNotPresent")
        fill(&container, "terminationMessagePath", "/dev/termination-log")
        fill(&container, "terminationMessagePolicy", "File")
        fill(&container, "resources", [:])
        if let ports = container["ports"].array {
            container["ports"] = .array(ports.map { port in
                var port = port
                fill(&port, "protocol", "TCP")
                return port
            })
        }
        return container
    }

    private static func serviceSpec(_ spec: JSONValue, taken: ServiceAllocations, name: String) -> JSONValue {
        var spec = spec.isNull ? [:] : spec
        fill(&spec, "type", "ClusterIP")
        fill(&spec, "sessionAffinity", "None")
        let type = spec["type"].string ?? "ClusterIP"
        if type != "ExternalName" {
            if (spec["clusterIP"].string ?? "").isEmpty {
                spec["clusterIP"] = .string(ClusterIPs.allocate(for: name, avoiding: taken.clusterIPs))
            }
            fill(&spec, "clusterIPs", [spec["clusterIP"]])
            fill(&spec, "ipFamilies", ["IPv4"])
            fill(&spec, "ipFamilyPolicy", "SingleStack")
            fill(&spec, "internalTrafficPolicy", "Cluster")
        }
        if let ports = spec["ports"].array {
            var usedNodePorts = taken.nodePorts.union(ports.compactMap { $0["nodePort"].int })
            spec["ports"] = .array(ports.map { port in
                var port = port
                fill(&port, "protocol", "TCP")
                fill(&port, "targetPort", port["port"])
                if type == "NodePort" || type == "LoadBalancer", port["nodePort"].isNull {
                    let nodePort = ClusterIPs.nodePort(for: "\(name):\(port["port"].int ?? 0)", avoiding: usedNodePorts)
                    usedNodePorts.insert(nodePort)
                    port["nodePort"] = .int(Int64(nodePort))
                }
                return port
            })
        }
        if type == "NodePort" || type == "LoadBalancer" { fill(&spec, "externalTrafficPolicy", "Cluster") }
        return spec
    }
}

/// The cluster IPs and node ports Services hold.
struct ServiceAllocations: Sendable {
    var clusterIPs: Set<String> = []
    var nodePorts: Set<Int> = []

    init() {}

    init(_ services: [JSONValue]) {
        for service in services {
            if let address = service[path: "spec.clusterIP"].string { clusterIPs.insert(address) }
            for port in service[path: "spec.ports"].array ?? [] {
                if let nodePort = port["nodePort"].int { nodePorts.insert(nodePort) }
            }
        }
    }
}

/// Service addresses in the sandbox's service CIDR (10.96.0.0/16) and node ports (30000–32767),
/// stable for a name while free.
enum ClusterIPs {
    static func allocate(for name: String, avoiding used: Set<String>) -> String {
        var slot = ComponentLogs.stableHash(name) % 65_000
        while true {
            let address = "10.96.\(slot / 250 % 256).\(slot % 250 + 2)"
            if !used.contains(address) { return address }
            slot = (slot + 1) % 65_000
        }
    }

    static func nodePort(for name: String, avoiding used: Set<Int>) -> Int {
        var port = 30_000 + ComponentLogs.stableHash(name) % 2_768
        while used.contains(port) { port = port == 32_767 ? 30_000 : port + 1 }
        return port
    }
}

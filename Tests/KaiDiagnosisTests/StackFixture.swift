import Foundation
import KaiCore
@testable import KaiDiagnosis
import KaiKube
import KaiSandbox

/// The todo-chatbot stack as evidence values, healthy to begin with, written as the API would
/// return it; each test breaks one part of it and runs the analyzers on the result (no I/O).
struct StackFixture {
    static let namespace = "todo-chatbot"
    static let readAt = Date(timeIntervalSince1970: 1_790_000_000)

    var deployments: [String: JSONValue] = [:]
    var replicaSets: [JSONValue] = []
    var pods: [JSONValue] = []
    var events: [JSONValue] = []
    var services: [JSONValue] = []
    var endpoints: [JSONValue] = []
    var autoscalers: [JSONValue] = []
    var claims: [JSONValue] = [["metadata": ["name": "todo-chatbot-postgres"], "spec": ["storageClassName": "standard"], "status": ["phase": "Bound"]]]
    var nodes: [JSONValue] = [["metadata": ["name": "minikube"], "status": ["allocatable": ["cpu": "2", "memory": "4096Mi"]]]]
    var secrets: [KeyNames]? = [KeyNames(metadata: ObjectMeta(name: "todo-chatbot-secrets"), keys: ["DATABASE_URL", "BETTER_AUTH_SECRET", "POSTGRES_PASSWORD"])]
    var configMaps: [KeyNames]? = [KeyNames(metadata: ObjectMeta(name: "todo-chatbot-config"), keys: ["LOG_LEVEL"])]
    var metrics: [JSONValue]? = []
    var logs: [ContainerLog] = []
    var unreadable: [String] = []

    init() {
        add("backend", replicas: 2, port: 8000, images: ["todo-backend:1.0.0", "todo-backend:1.1.0"], memory: "512Mi")
        add("frontend", replicas: 1, port: 3000, images: ["todo-frontend:1.2.0"], memory: "256Mi")
        add("postgres", replicas: 1, port: 5432, images: ["postgres:16.4-alpine"], memory: "1Gi")
        autoscalers.append(["metadata": ["name": "todo-chatbot-backend"],
                            "spec": ["scaleTargetRef": ["kind": "Deployment", "name": "todo-chatbot-backend"], "minReplicas": 2, "maxReplicas": 5,
                                     "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 70]]]]],
                            "status": ["currentReplicas": 2, "desiredReplicas": 2]])
    }

    static func name(_ component: String) -> String { "todo-chatbot-\(component)" }
    static func pod(_ component: String, _ index: Int = 0) -> String { "todo-chatbot-\(component)-5d9c7b8f4-\(["abcde", "fghij", "klmno", "pqrst"][index])" }

    private mutating func add(_ component: String, replicas: Int, port: Int, images: [String], memory: String) {
        let name = Self.name(component)
        let labels: JSONValue = ["app.kubernetes.io/name": "todo-chatbot", "app.kubernetes.io/component": .string(component)]
        var container: JSONValue = ["name": .string(component), "image": .string(images.last ?? ""),
                                    "ports": [["containerPort": .int(Int64(port))]],
                                    "resources": ["requests": ["cpu": "100m", "memory": "256Mi"], "limits": ["cpu": "500m", "memory": .string(memory)]]]
        switch component {
        case "backend":
            container["env"] = [["name": "DATABASE_URL", "valueFrom": ["secretKeyRef": ["name": "todo-chatbot-secrets", "key": "DATABASE_URL"]]],
                                ["name": "BETTER_AUTH_SECRET", "valueFrom": ["secretKeyRef": ["name": "todo-chatbot-secrets", "key": "BETTER_AUTH_SECRET"]]],
                                ["name": "LOG_LEVEL", "valueFrom": ["configMapKeyRef": ["name": "todo-chatbot-config", "key": "LOG_LEVEL"]]]]
            container["readinessProbe"] = ["httpGet": ["path": "/health", "port": .int(Int64(port))], "periodSeconds": 10]
        case "postgres":
            container["readinessProbe"] = ["exec": ["command": ["pg_isready", "-U", "todo"]]]
        default:
            container["readinessProbe"] = ["httpGet": ["path": "/", "port": "http"]]
        }
        var template: JSONValue = ["metadata": ["labels": labels], "spec": ["containers": [container]]]
        if component == "postgres" { template[path: "spec.volumes"] = [["name": "data", "persistentVolumeClaim": ["claimName": "todo-chatbot-postgres"]]] }
        var deployment: JSONValue = ["metadata": ["name": .string(name), "namespace": .string(Self.namespace), "uid": .string("uid-\(name)"),
                                                  "labels": ["app.kubernetes.io/component": .string(component), "app.kubernetes.io/managed-by": "Helm"]],
                                     "spec": ["replicas": .int(Int64(replicas)), "selector": ["matchLabels": labels], "template": template,
                                              "progressDeadlineSeconds": 600],
                                     "status": ["replicas": .int(Int64(replicas)), "updatedReplicas": .int(Int64(replicas)),
                                                "readyReplicas": .int(Int64(replicas)), "availableReplicas": .int(Int64(replicas)),
                                                "conditions": [["type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"]]]]
        deployment["metadata"]["annotations"] = ["deployment.kubernetes.io/revision": .string(String(images.count))]
        deployments[component] = deployment
        for (index, image) in images.enumerated() {
            var set = template
            set[path: "spec.containers"] = [container.with("image", .string(image))]
            var replicaSet: JSONValue = ["metadata": ["name": .string("\(name)-rev\(index + 1)"), "namespace": .string(Self.namespace),
                                                      "ownerReferences": [["kind": "Deployment", "name": .string(name), "uid": .string("uid-\(name)"), "controller": true]]],
                                         "spec": ["replicas": .int(Int64(index == images.count - 1 ? replicas : 0)), "template": set],
                                         "status": ["readyReplicas": .int(Int64(index == images.count - 1 ? replicas : 0))]]
            replicaSet["metadata"]["annotations"] = ["deployment.kubernetes.io/revision": .string(String(index + 1))]
            replicaSets.append(replicaSet)
        }
        let started = ISO8601DateFormatter().string(from: Self.readAt.addingTimeInterval(-3600))
        var ready: [String] = []
        for index in 0..<replicas {
            let podName = Self.pod(component, index)
            ready.append(podName)
            var podLabels = labels
            podLabels["pod-template-hash"] = "5d9c7b8f4"
            pods.append(["metadata": ["name": .string(podName), "namespace": .string(Self.namespace), "labels": podLabels,
                                      "ownerReferences": [["kind": "ReplicaSet", "name": .string("\(name)-rev\(images.count)"), "controller": true]]],
                         "spec": ["nodeName": "minikube", "containers": [container], "volumes": template[path: "spec.volumes"]],
                         "status": ["phase": "Running", "startTime": .string(started),
                                    "conditions": [["type": "PodScheduled", "status": "True"], ["type": "Ready", "status": "True"]],
                                    "containerStatuses": [["name": .string(component), "ready": true, "restartCount": 0, "image": .string(images.last ?? ""),
                                                           "state": ["running": ["startedAt": .string(started)]]]]]])
            metrics?.append(["metadata": ["name": .string(podName)],
                             "containers": [["name": .string(component), "usage": ["cpu": "42m", "memory": "150Mi"]]]])
        }
        services.append(["metadata": ["name": .string(name), "labels": ["app.kubernetes.io/component": .string(component)]],
                         "spec": ["selector": labels, "clusterIP": .string("10.96.0.\(10 + deployments.count)"),
                                  "ports": [["port": .int(Int64(port))]]]])
        endpoints.append(["metadata": ["name": .string(name)],
                          "subsets": [["addresses": .array(ready.map { ["ip": "10.244.0.9", "targetRef": ["kind": "Pod", "name": .string($0)]] })]]])
    }

    // MARK: Breaking things

    /// Changes every pod of `component` (or only pod `index`).
    mutating func pods(of component: String, only index: Int? = nil, _ change: (inout JSONValue) -> Void) {
        for position in pods.indices where pods[position][path: "metadata.labels"]["app.kubernetes.io/component"].string == component {
            if let index, pods[position][path: "metadata.name"].string != Self.pod(component, index) { continue }
            change(&pods[position])
        }
    }

    /// Marks the pods of `component` not ready, as the API would, and takes them out of their Service's endpoints.
    mutating func unready(_ component: String) {
        pods(of: component) { pod in
            pod[path: "status.conditions"] = [["type": "PodScheduled", "status": "True"], ["type": "Ready", "status": "False", "reason": "ContainersNotReady"]]
            pod[path: "status.containerStatuses"] = .array((pod[path: "status.containerStatuses"].array ?? []).map { $0.with("ready", false) })
        }
        let name = Self.name(component)
        for index in endpoints.indices where endpoints[index][path: "metadata.name"].string == name {
            let addresses = endpoints[index][path: "subsets"].array?.first?["addresses"] ?? []
            endpoints[index]["subsets"] = [["notReadyAddresses": addresses]]
        }
        deployments[component]?[path: "status.readyReplicas"] = 0
        deployments[component]?[path: "status.availableReplicas"] = 0
    }

    /// The containers of `component` wait with `reason` and `message`.
    mutating func waiting(_ component: String, reason: String, message: String? = nil) {
        unready(component)
        pods(of: component) { pod in
            var status = pod[path: "status.containerStatuses"].array?.first ?? [:]
            status["state"] = ["waiting": ["reason": .string(reason), "message": message.map(JSONValue.string) ?? .null]]
            status["started"] = false
            pod[path: "status.containerStatuses"] = [status]
        }
    }

    /// The containers of `component` crash-loop: they ended with `reason` and `exitCode`, `restarts` times.
    mutating func crashLoop(_ component: String, reason: String = "Error", exitCode: Int = 1, restarts: Int = 4, previousLog: [String] = []) {
        waiting(component, reason: "CrashLoopBackOff", message: "back-off 40s restarting failed container=\(component)")
        pods(of: component) { pod in
            var status = pod[path: "status.containerStatuses"].array?.first ?? [:]
            status["restartCount"] = .int(Int64(restarts))
            status["lastState"] = ["terminated": ["reason": .string(reason), "exitCode": .int(Int64(exitCode)),
                                                  "startedAt": "2026-09-21T13:59:00Z", "finishedAt": "2026-09-21T13:59:02Z"]]
            pod[path: "status.containerStatuses"] = [status]
        }
        if !previousLog.isEmpty {
            for index in 0..<(deployments[component]?[path: "spec.replicas"].int ?? 1) {
                logs.append(ContainerLog(pod: Self.pod(component, index), container: component, previous: true, lines: previousLog))
            }
        }
    }

    /// A warning event about pod `index` of `component`.
    mutating func event(_ component: String, _ index: Int = 0, reason: String, message: String, type: String = "Warning", kind: String = "Pod",
                        name: String? = nil) {
        events.append(["metadata": ["name": .string("event-\(events.count)")], "type": .string(type), "reason": .string(reason),
                       "message": .string(message), "count": 3, "lastTimestamp": "2026-09-21T13:59:30Z",
                       "involvedObject": ["kind": .string(kind), "name": .string(name ?? Self.pod(component, index))]])
    }

    // MARK: Reading it back

    /// The evidence for `target` (a deployment's component, or the namespace when nil), decoded from the JSON above.
    func evidence(_ component: String? = nil, pod: String? = nil) throws -> Evidence {
        let object = pod.map { ObjectReference(kind: .pod, namespace: Self.namespace, name: $0) }
            ?? component.map { ObjectReference(kind: .deployment, namespace: Self.namespace, name: Self.name($0)) }
        return Evidence(target: DiagnosisTarget(namespace: Self.namespace, object: object),
                        deployments: try decode(deployments.keys.sorted().compactMap { deployments[$0] }), replicaSets: try decode(replicaSets),
                        pods: try decode(pods), events: try decode(events), services: try decode(services), autoscalers: try decode(autoscalers),
                        endpoints: try decode(endpoints), claims: try decode(claims), nodes: try decode(nodes), secrets: secrets,
                        configMaps: configMaps, metrics: try metrics.map { try decode($0) }, logs: logs, unreadable: unreadable,
                        apiCalls: 12, readAt: Self.readAt)
    }

    /// The diagnosis of `component` (or the namespace).
    func diagnose(_ component: String? = nil) throws -> Diagnosis { Analysis.diagnose(try evidence(component)) }

    private func decode<T: Decodable>(_ values: [JSONValue]) throws -> [T] {
        try values.map { try JSONDecoder().decode(T.self, from: $0.data()) }
    }
}

extension JSONValue {
    /// A copy with member `key` set to `value`.
    func with(_ key: String, _ value: JSONValue) -> JSONValue {
        var copy = self
        copy[key] = value
        return copy
    }
}

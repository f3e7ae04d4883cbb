import Foundation

/// The objects a fresh sandbox holds: namespaces, a node and the bootstrap RBAC roles, and
/// unless empty the todo-chatbot stack as its Helm chart installs it. Deployments are created with their revision history
/// (old ReplicaSets scaled to 0); the controllers create the pods.
enum SeedObjects {
    static func install(into store: ObjectStore, stack: Bool) async throws {
        for namespace in ["default", "kube-system", "kube-public", "kube-node-lease"] + (stack ? [TodoStackSeed.namespace] : []) {
            try await store.create(ResourceCatalog.namespace, namespace: nil,
                                   ["metadata": ["name": .string(namespace), "labels": ["kubernetes.io/metadata.name": .string(namespace)]],
                                    "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"]])
            try await store.create(ResourceCatalog.serviceAccount, namespace: namespace, ["metadata": ["name": "default"]])
        }
        try await store.create(ResourceCatalog.node, namespace: nil, SandboxNode.object)
        try await BootstrapRBAC.install(into: store)
        guard stack else { return }
        let namespace = TodoStackSeed.namespace
        try await store.create(ResourceCatalog.configMap, namespace: namespace, configMap)
        try await store.create(ResourceCatalog.secret, namespace: namespace, secret)
        try await store.create(ResourceCatalog.persistentVolumeClaim, namespace: namespace, postgresClaim)
        for component in TodoStackSeed.components {
            try await store.create(ResourceCatalog.service, namespace: namespace, service(component))
            let deployment = try await store.create(ResourceCatalog.deployment, namespace: namespace, self.deployment(component))
            // Earlier revisions, scaled to 0, so rollout history and undo have something to show.
            for (index, image) in component.imageHistory.dropLast().enumerated() {
                try await store.create(ResourceCatalog.replicaSet, namespace: namespace,
                                       DeploymentController.replicaSet(for: deployment, template: template(component, image: image),
                                                                       revision: index + 1, replicas: 0))
            }
        }
        try await store.create(ResourceCatalog.autoscaler, namespace: namespace, backendAutoscaler)
    }

    static func labels(_ component: SeedComponent) -> JSONValue { JSONValue(TodoStackSeed.labels(component)) }
    static func objectLabels(_ component: SeedComponent) -> JSONValue { JSONValue(TodoStackSeed.objectLabels(component)) }

    static func deployment(_ component: SeedComponent) -> JSONValue {
        var deployment: JSONValue = [
            "metadata": ["name": .string(TodoStackSeed.deploymentName(component)), "labels": objectLabels(component),
                         "annotations": ["meta.helm.sh/release-name": .string(TodoStackSeed.release),
                                         "meta.helm.sh/release-namespace": .string(TodoStackSeed.namespace)]],
            "spec": ["replicas": .int(Int64(component.replicas)), "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
                     "selector": ["matchLabels": JSONValue(TodoStackSeed.selector(component))],
                     "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]],
                     "template": template(component, image: component.image)],
        ]
        if component.component == "postgres" { deployment[path: "spec.strategy"] = ["type": "Recreate"] }
        return deployment
    }

    static func template(_ component: SeedComponent, image: String) -> JSONValue {
        let port = Int64(component.containerPort)
        var container: JSONValue = [
            "name": .string(component.containerName), "image": .string(image), "imagePullPolicy": "IfNotPresent",
            "ports": [["name": .string(TodoStackSeed.portName(component)), "containerPort": .int(port), "protocol": "TCP"]],
            "resources": resources(component),
            "securityContext": ["runAsNonRoot": true, "allowPrivilegeEscalation": false],
            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
        ]
        switch component.component {
        case "backend":
            container["env"] = [["name": "DATABASE_URL", "valueFrom": ["secretKeyRef": ["name": "todo-chatbot-secrets", "key": "DATABASE_URL"]]],
                                ["name": "BETTER_AUTH_SECRET", "valueFrom": ["secretKeyRef": ["name": "todo-chatbot-secrets", "key": "BETTER_AUTH_SECRET"]]],
                                ["name": "OPENAI_API_KEY", "valueFrom": ["secretKeyRef": ["name": "todo-chatbot-secrets", "key": "OPENAI_API_KEY"]]]]
            container["envFrom"] = [["configMapRef": ["name": "todo-chatbot-config"]]]
            container["readinessProbe"] = ["httpGet": ["path": "/health", "port": .int(port)], "periodSeconds": 10]
            container["livenessProbe"] = ["httpGet": ["path": "/health", "port": .int(port)], "periodSeconds": 20]
        case "frontend":
            container["envFrom"] = [["configMapRef": ["name": "todo-chatbot-config"]]]
            container["readinessProbe"] = ["httpGet": ["path": "/", "port": .int(port)], "periodSeconds": 10]
        default:
            container["env"] = [["name": "POSTGRES_DB", "value": "todo"], ["name": "POSTGRES_USER", "value": "todo"],
                                ["name": "POSTGRES_PASSWORD", "valueFrom": ["secretKeyRef": ["name": "todo-chatbot-secrets", "key": "POSTGRES_PASSWORD"]]]]
            container["readinessProbe"] = ["exec": ["command": ["pg_isready", "-U", "todo"]], "periodSeconds": 10]
            container["volumeMounts"] = [["name": "data", "mountPath": "/var/lib/postgresql/data"]]
        }
        var spec: JSONValue = ["containers": [container], "restartPolicy": "Always", "terminationGracePeriodSeconds": 30,
                               "dnsPolicy": "ClusterFirst", "serviceAccountName": "default", "schedulerName": "default-scheduler",
                               "securityContext": ["runAsUser": 1000, "fsGroup": 1000]]
        if component.component == "postgres" {
            spec["volumes"] = [["name": "data", "persistentVolumeClaim": ["claimName": "todo-chatbot-postgres"]]]
        }
        return ["metadata": ["labels": labels(component)], "spec": spec]
    }

    static func resources(_ component: SeedComponent) -> JSONValue {
        switch component.component {
        case "backend": ["requests": ["cpu": "100m", "memory": "256Mi"], "limits": ["cpu": "500m", "memory": "512Mi"]]
        case "frontend": ["requests": ["cpu": "50m", "memory": "128Mi"], "limits": ["cpu": "250m", "memory": "256Mi"]]
        default: ["requests": ["cpu": "100m", "memory": "256Mi"], "limits": ["cpu": "500m", "memory": "1Gi"]]
        }
    }

    static func service(_ component: SeedComponent) -> JSONValue {
        let port = Int64(component.containerPort)
        let portName = JSONValue.string(TodoStackSeed.portName(component))
        var spec: JSONValue = ["type": "ClusterIP", "selector": JSONValue(TodoStackSeed.selector(component)),
                               "ports": [["name": portName, "port": .int(port), "targetPort": portName, "protocol": "TCP"]],
                               "clusterIP": .string("10.96.0.\(10 + (TodoStackSeed.components.firstIndex(of: component) ?? 0))")]
        if component.component == "frontend" {
            spec["type"] = "NodePort"
            spec["ports"] = [["name": portName, "port": .int(port), "targetPort": portName, "protocol": "TCP", "nodePort": 30080]]
        }
        return ["metadata": ["name": .string(TodoStackSeed.deploymentName(component)), "labels": objectLabels(component)], "spec": spec]
    }

    private static func component(_ name: String) -> SeedComponent? {
        TodoStackSeed.components.first { $0.component == name }
    }

    private static let configMap: JSONValue = [
        "metadata": ["name": "todo-chatbot-config", "labels": JSONValue(TodoStackSeed.releaseLabels)],
        "data": ["NEXT_PUBLIC_API_URL": "http://todo-chatbot-backend:8000", "LOG_LEVEL": "info", "CORS_ORIGINS": "http://localhost:3000"],
    ]

    /// Values are placeholders a real install would replace; keys are what the pods reference.
    private static let secret: JSONValue = [
        "metadata": ["name": "todo-chatbot-secrets", "labels": JSONValue(TodoStackSeed.releaseLabels)],
        "type": "Opaque",
        "data": ["DATABASE_URL": .string(Data("postgresql://todo:sandbox@todo-chatbot-postgres:5432/todo".utf8).base64EncodedString()),
                 "BETTER_AUTH_SECRET": .string(Data("sandbox-only-not-a-secret".utf8).base64EncodedString()),
                 "OPENAI_API_KEY": .string(Data("sk-sandbox-placeholder".utf8).base64EncodedString()),
                 "POSTGRES_PASSWORD": .string(Data("sandbox".utf8).base64EncodedString())],
    ]

    private static let postgresClaim: JSONValue = [
        "metadata": ["name": "todo-chatbot-postgres", "labels": component("postgres").map(objectLabels) ?? [:]],
        "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "5Gi"]], "storageClassName": "standard",
                 "volumeName": "pvc-2f1c9a7e-todo-postgres", "volumeMode": "Filesystem"],
        "status": ["phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": ["storage": "5Gi"]],
    ]

    static let backendAutoscaler: JSONValue = [
        "metadata": ["name": "todo-chatbot-backend", "labels": component("backend").map(objectLabels) ?? [:]],
        "spec": ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": "todo-chatbot-backend"],
                 "minReplicas": 2, "maxReplicas": 5,
                 "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 70]]]]],
    ]
}

/// The sandbox's single node, sized like a default minikube VM.
enum SandboxNode {
    static let name = "kai-sandbox"
    static let cpuMillis = 2000
    static let memoryMiB = 4096

    static let object: JSONValue = [
        "metadata": ["name": .string(name), "labels": ["kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux",
                                                       "node-role.kubernetes.io/control-plane": ""]],
        "spec": ["podCIDR": "10.244.0.0/24"],
        "status": [
            "capacity": ["cpu": "2", "memory": "4096Mi", "pods": "110", "ephemeral-storage": "20Gi"],
            "allocatable": ["cpu": "2", "memory": "4096Mi", "pods": "110", "ephemeral-storage": "20Gi"],
            "conditions": [["type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status"]],
            "addresses": [["type": "InternalIP", "address": "192.168.49.2"], ["type": "Hostname", "address": .string(name)]],
            "nodeInfo": ["kubeletVersion": "v1.32.0", "containerRuntimeVersion": "containerd://1.7.22", "osImage": "kai sandbox",
                         "operatingSystem": "linux", "architecture": "amd64", "kernelVersion": "6.1.0"],
        ],
    ]
}

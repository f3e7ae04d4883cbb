/// One argument an operation takes, named as `kai plan -o json`, runbook `op:` steps and the
/// model's tools name it. The model's tool schemas are generated from these, and tool calls
/// and runbook steps are read back through ``DraftBuilder`` with the same checks, so the three
/// cannot drift apart.
public struct OperationParameter: Sendable, Hashable {
    /// What kind of value the argument takes.
    public enum Kind: Sendable, Hashable {
        /// An object named as people name it ("backend", "the db", a pod's full name).
        case target([ObjectKind])
        /// A whole number in the range.
        case integer(ClosedRange<Int>)
        /// Text, such as an image reference or a selector; `example` shows its form.
        case text(example: String)
        case boolean
        /// One of the listed words.
        case choice([String])
        /// A duration: seconds, or text such as "10m" or "1h30m".
        case duration(ClosedRange<Int>)
    }

    public let name: String
    public let kind: Kind
    public let required: Bool
    /// What the argument means, for the model's tool description and error messages.
    public let summary: String

    /// An argument `name` of `kind`.
    public init(_ name: String, _ kind: Kind, required: Bool = false, _ summary: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.summary = summary
    }
}

extension OperationName {
    /// What the operation does, in a few lowercase words, for the model's tool description and the
    /// system prompt's list of tools (kept short: a small model on a laptop CPU reads every word of
    /// every tool before each request).
    public var purpose: String {
        switch self {
        case .list: "objects of a kind"
        case .describe: "one object's details"
        case .logs: "log lines"
        case .events: "recent events"
        case .diagnose: "why something fails or is down"
        case .resources: "cpu and memory use"
        case .rolloutStatus: "whether a rollout finished"
        case .rolloutHistory: "past revisions"
        case .scale: "replica count; 0 stops it"
        case .restart: "rolling restart"
        case .autoscale: "create or change an autoscaler"
        case .rollback: "to an earlier revision"
        case .setImage: "new image or version"
        case .setResources: "cpu or memory requests and limits"
        case .removeAutoscaler: "delete an autoscaler"
        case .deletePod: "delete one pod"
        }
    }

    /// The arguments the operation takes besides the namespace, which every operation takes.
    public var parameters: [OperationParameter] {
        let deployment = OperationParameter("target", .target([.deployment]), required: true, "The deployment, e.g. backend or todo-chatbot-backend.")
        let optionalTarget = OperationParameter("target", .target([.deployment, .pod]), "A deployment or pod; leave it out for the whole namespace.")
        switch self {
        case .list:
            return [OperationParameter("kind", .choice(ResourceKind.allCases.map(\.rawValue)), required: true, "The kind of object to list."),
                    OperationParameter("selector", .text(example: "app.kubernetes.io/component=backend"), "A label selector."),
                    OperationParameter("fieldSelector", .text(example: "status.phase!=Running"), "A field selector.")]
        case .describe:
            return [OperationParameter("target", .target([.deployment, .pod]), required: true, "The deployment or pod.")]
        case .logs:
            return [OperationParameter("target", .target([.deployment, .pod]), required: true, "The pod, or a deployment (its pods' logs)."),
                    OperationParameter("container", .text(example: "backend"), "The container, when the pod has several."),
                    OperationParameter("tail", .integer(1...TailLines.maximum), "How many of the last lines (default \(TailLines.standard))."),
                    OperationParameter("since", .duration(1...LogWindow.maximumSeconds), "Only lines newer than this, e.g. 10m."),
                    OperationParameter("previous", .boolean, "The run before the container's last restart.")]
        case .events, .diagnose, .resources:
            return [optionalTarget]
        case .rolloutStatus, .rolloutHistory, .restart:
            return [deployment]
        case .scale:
            return [deployment, OperationParameter("replicas", .integer(0...ReplicaCount.kubernetesMaximum), required: true, "The replica count to set.")]
        case .autoscale:
            return [deployment,
                    OperationParameter("min", .integer(1...ReplicaCount.kubernetesMaximum), required: true, "The fewest replicas."),
                    OperationParameter("max", .integer(1...ReplicaCount.kubernetesMaximum), required: true, "The most replicas."),
                    OperationParameter("cpuPercent", .integer(1...AutoscaleBounds.maximumCPUPercent),
                                       "Target CPU use as a percentage of the request (default \(AutoscaleBounds.standardCPUPercent)).")]
        case .rollback:
            return [deployment, OperationParameter("revision", .integer(1...Int(Int32.max)), "The revision to go back to; leave it out for the previous one.")]
        case .setImage:
            return [deployment,
                    OperationParameter("image", .text(example: "todo-backend:1.2.0"), required: true, "The image with its tag, e.g. todo-backend:1.2.0."),
                    OperationParameter("container", .text(example: "backend"), "The container, when the pod has several.")]
        case .setResources:
            return [deployment, OperationParameter("container", .text(example: "backend"), "The container, when the pod has several.")]
                + ResourceField.all.map { field in
                    OperationParameter(field.argument, .text(example: field.resource == .cpu ? "250m" : "512Mi"),
                                       "The \(field) as a Kubernetes quantity (\(field.resource == .cpu ? "250m or 0.5" : "512Mi or 1Gi")); \"\(ResourceSetting.unsetWord)\" removes it.")
                }
        case .removeAutoscaler:
            return [deployment]
        case .deletePod:
            return [OperationParameter("target", .target([.pod]), required: true, "The pod's name.")]
        }
    }
}

extension CatalogOperation {
    /// Sets a deployment's replica count through the scale subresource. Scaling to 0 is disruptive.
    public struct Scale: TypedOperation {
        public static let name = OperationName.scale
        public let deployment: ObjectReference
        public let replicas: ReplicaCount

        /// Scales `deployment` to `replicas`.
        public init(_ deployment: ObjectReference, replicas: ReplicaCount) {
            self.deployment = deployment
            self.replicas = replicas
        }

        public var target: ObjectReference? { deployment }
        public var risk: Risk { replicas.value == 0 ? .disruptive : .change }
        public var arguments: [OperationArgument] { [OperationArgument("replicas", .int(replicas.value))] }

        public func summary(before: DeploymentState?) -> String {
            let from = before.map { "from \($0.replicas) " } ?? ""
            let text = "Scale deployment \(deployment.name) \(from)to \(replicas) \(replicas.value == 1 ? "replica" : "replicas")"
            if before?.replicas == replicas.value { return text + " (already there: no change)." }
            guard replicas.value > 0 else { return text + ": every pod stops and it serves nothing until scaled up again." }
            if let autoscaler = before?.autoscaler {
                return text + " (autoscaler \(autoscaler.name) keeps it between \(autoscaler.min) and \(autoscaler.max) and may change it)."
            }
            return text + "."
        }

        public func undo(before: DeploymentState?) -> Undo {
            guard let before, let previous = try? ReplicaCount(before.replicas) else { return .unknownUntilRun }
            return .operation(.scale(Scale(deployment, replicas: previous)))
        }
    }
}

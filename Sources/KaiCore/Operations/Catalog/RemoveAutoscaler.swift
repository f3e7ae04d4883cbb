extension CatalogOperation {
    /// Deletes the HorizontalPodAutoscaler that targets a deployment. Disruptive: from then on
    /// the replica count stays where it is, whatever the load.
    public struct RemoveAutoscaler: TypedOperation {
        public static let name = OperationName.removeAutoscaler
        public let deployment: ObjectReference

        /// Removes the autoscaler of `deployment`.
        public init(_ deployment: ObjectReference) {
            self.deployment = deployment
        }

        public var target: ObjectReference? { deployment }
        public var risk: Risk { .disruptive }
        public var arguments: [OperationArgument] { [] }

        public func summary(before: DeploymentState?) -> String {
            guard let autoscaler = before?.autoscaler else { return "Remove the autoscaler of deployment \(deployment.name)." }
            let cpu = autoscaler.cpuPercent.map { " at \($0)% CPU" } ?? ""
            return "Remove autoscaler \(autoscaler.name) of deployment \(deployment.name) (now \(autoscaler.min) to \(autoscaler.max) replicas\(cpu)): "
                + "its replica count stays at \(before?.replicas ?? 0) whatever the load."
        }

        /// Re-creating the autoscaler with its name, bounds and CPU target.
        public func undo(before: DeploymentState?) -> Undo {
            guard let before else { return .unknownUntilRun }
            guard let current = before.autoscaler else { return .irreversible("Deployment \(deployment.name) has no autoscaler to put back.") }
            guard let min = try? ReplicaCount(current.min), let max = try? ReplicaCount(current.max),
                  let bounds = try? AutoscaleBounds(min: min, max: max, cpuPercent: current.cpuPercent ?? AutoscaleBounds.standardCPUPercent)
            else { return .irreversible("Autoscaler \(current.name) has bounds kai cannot re-create.") }
            return .operation(.autoscale(Autoscale(deployment, bounds: bounds, autoscalerName: current.name)))
        }
    }
}

extension CatalogOperation {
    /// Creates or updates the HorizontalPodAutoscaler of a deployment: `kubectl autoscale`.
    public struct Autoscale: TypedOperation {
        public static let name = OperationName.autoscale
        public let deployment: ObjectReference
        public let bounds: AutoscaleBounds

        /// Autoscales `deployment` within `bounds`.
        public init(_ deployment: ObjectReference, bounds: AutoscaleBounds) {
            self.deployment = deployment
            self.bounds = bounds
        }

        public var target: ObjectReference? { deployment }
        public var risk: Risk { .change }

        public var arguments: [OperationArgument] {
            [OperationArgument("min", .int(bounds.min.value)), OperationArgument("max", .int(bounds.max.value)),
             OperationArgument("cpuPercent", .int(bounds.cpuPercent))]
        }

        public func summary(before: DeploymentState?) -> String {
            let text = "Autoscale deployment \(deployment.name) between \(bounds.min) and \(bounds.max) replicas at \(bounds.cpuPercent)% CPU"
            guard let current = before?.autoscaler else { return text + "." }
            let cpu = current.cpuPercent.map { " at \($0)% CPU" } ?? ""
            return text + " (now \(current.min) to \(current.max)\(cpu))."
        }

        public func undo(before: DeploymentState?) -> Undo {
            guard let before else { return .unknownUntilRun }
            guard let current = before.autoscaler else {
                return .irreversible("Undoing this means deleting the new HorizontalPodAutoscaler, which is outside kai's catalog.")
            }
            guard let min = try? ReplicaCount(current.min), let max = try? ReplicaCount(current.max),
                  let previous = try? AutoscaleBounds(min: min, max: max, cpuPercent: current.cpuPercent ?? AutoscaleBounds.standardCPUPercent)
            else { return .irreversible("The current autoscaler \(current.name) has bounds kai cannot restore.") }
            return .operation(.autoscale(Autoscale(deployment, bounds: previous)))
        }
    }
}

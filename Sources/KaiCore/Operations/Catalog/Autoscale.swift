extension CatalogOperation {
    /// Creates or updates the HorizontalPodAutoscaler of a deployment: `kubectl autoscale`.
    public struct Autoscale: TypedOperation {
        public static let name = OperationName.autoscale
        public let deployment: ObjectReference
        public let bounds: AutoscaleBounds
        /// The name an autoscaler it creates gets; nil names it after the deployment, as `kubectl autoscale` does.
        /// Set when the operation puts back an autoscaler that was removed, under its old name.
        public let autoscalerName: String?

        /// Autoscales `deployment` within `bounds`; a new autoscaler is called `autoscalerName` (by default the deployment's name).
        public init(_ deployment: ObjectReference, bounds: AutoscaleBounds, autoscalerName: String? = nil) {
            self.deployment = deployment
            self.bounds = bounds
            self.autoscalerName = autoscalerName
        }

        public var target: ObjectReference? { deployment }
        public var risk: Risk { .change }

        public var arguments: [OperationArgument] {
            [OperationArgument("min", .int(bounds.min.value)), OperationArgument("max", .int(bounds.max.value)),
             OperationArgument("cpuPercent", .int(bounds.cpuPercent))] + (autoscalerName.map { [OperationArgument("autoscaler", .string($0))] } ?? [])
        }

        public func summary(before: DeploymentState?) -> String {
            let text = "Autoscale deployment \(deployment.name) between \(bounds.min) and \(bounds.max) replicas at \(bounds.cpuPercent)% CPU"
            guard let current = before?.autoscaler else { return text + "." }
            let cpu = current.cpuPercent.map { " at \($0)% CPU" } ?? ""
            return text + " (now \(current.min) to \(current.max)\(cpu))."
        }

        public func undo(before: DeploymentState?) -> Undo {
            guard let before else { return .unknownUntilRun }
            guard let current = before.autoscaler else { return .operation(.removeAutoscaler(RemoveAutoscaler(deployment))) }
            guard let min = try? ReplicaCount(current.min), let max = try? ReplicaCount(current.max),
                  let previous = try? AutoscaleBounds(min: min, max: max, cpuPercent: current.cpuPercent ?? AutoscaleBounds.standardCPUPercent)
            else { return .irreversible("The current autoscaler \(current.name) has bounds kai cannot restore.") }
            return .operation(.autoscale(Autoscale(deployment, bounds: previous)))
        }
    }
}

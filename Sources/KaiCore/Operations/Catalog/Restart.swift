extension CatalogOperation {
    /// Replaces a deployment's pods one by one: `kubectl rollout restart`.
    public struct Restart: TypedOperation {
        public static let name = OperationName.restart
        public let deployment: ObjectReference

        /// Restarts `deployment`.
        public init(_ deployment: ObjectReference) { self.deployment = deployment }

        public var target: ObjectReference? { deployment }
        public var risk: Risk { .change }
        public var arguments: [OperationArgument] { [] }

        public func summary(before: DeploymentState?) -> String {
            let count = before.map { " (\($0.replicas) \($0.replicas == 1 ? "pod" : "pods"))" } ?? ""
            return "Restart deployment \(deployment.name): replace its pods\(count) one by one, as a rollout restart does."
        }

        public func undo(before: DeploymentState?) -> Undo {
            .irreversible("A restart changes no settings, so there is nothing to put back.")
        }
    }
}

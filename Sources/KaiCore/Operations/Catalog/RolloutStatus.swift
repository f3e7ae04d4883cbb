extension CatalogOperation {
    /// Reports whether a deployment's rollout has finished: `kubectl rollout status`.
    public struct RolloutStatus: ReadOperation {
        public static let name = OperationName.rolloutStatus
        public let deployment: ObjectReference

        /// The rollout status of `deployment`.
        public init(_ deployment: ObjectReference) { self.deployment = deployment }

        public var target: ObjectReference? { deployment }
        public var arguments: [OperationArgument] { [] }

        public func summary(before: DeploymentState?) -> String {
            "Report whether the rollout of deployment \(deployment.name) has finished."
        }
    }
}

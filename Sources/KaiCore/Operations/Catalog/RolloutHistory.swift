extension CatalogOperation {
    /// Lists a deployment's rollout revisions and their images: `kubectl rollout history`.
    public struct RolloutHistory: ReadOperation {
        public static let name = OperationName.rolloutHistory
        public let deployment: ObjectReference

        /// The revisions of `deployment`.
        public init(_ deployment: ObjectReference) { self.deployment = deployment }

        public var target: ObjectReference? { deployment }
        public var arguments: [OperationArgument] { [] }

        public func summary(before: DeploymentState?) -> String {
            "List the rollout revisions of deployment \(deployment.name) and the image of each."
        }
    }
}

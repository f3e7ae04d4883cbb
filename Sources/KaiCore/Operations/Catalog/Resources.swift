extension CatalogOperation {
    /// Compares CPU and memory requests and limits with observed usage, and recommends values.
    public struct Resources: ReadOperation {
        public static let name = OperationName.resources
        public let target: ObjectReference?
        public let namespace: String

        /// Resource usage of `target`, or of every workload in `namespace` when `target` is nil.
        public init(_ target: ObjectReference?, namespace: String) {
            self.target = target
            self.namespace = target?.namespace ?? namespace
        }

        public var arguments: [OperationArgument] { [] }

        public func summary(before: DeploymentState?) -> String {
            let scope = target.map { "\($0.kind.noun) \($0.name)" } ?? "every workload in namespace \(namespace)"
            return "Compare CPU and memory requests and limits of \(scope) with observed usage."
        }
    }
}

extension CatalogOperation {
    /// Collects evidence and names the root cause of a failure, for one object or the namespace.
    public struct Diagnose: ReadOperation {
        public static let name = OperationName.diagnose
        public let target: ObjectReference?
        public let namespace: String

        /// Diagnoses `target`, or everything in `namespace` when `target` is nil.
        public init(_ target: ObjectReference?, namespace: String) {
            self.target = target
            self.namespace = target?.namespace ?? namespace
        }

        public var arguments: [OperationArgument] { [] }

        public func summary(before: DeploymentState?) -> String {
            target.map { "Diagnose \($0.kind.noun) \($0.name): status, events and logs, then the likely root cause." }
                ?? "Diagnose namespace \(namespace): find what is failing and why."
        }
    }
}

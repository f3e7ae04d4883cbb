extension CatalogOperation {
    /// Shows recent events, for one object or the whole namespace, newest last.
    public struct Events: ReadOperation {
        public static let name = OperationName.events
        public let target: ObjectReference?
        public let namespace: String

        /// Events about `target`, or about everything in `namespace` when `target` is nil.
        public init(_ target: ObjectReference?, namespace: String) {
            self.target = target
            self.namespace = target?.namespace ?? namespace
        }

        public var arguments: [OperationArgument] { [] }

        public func summary(before: DeploymentState?) -> String {
            target.map { "Show recent events for \($0.kind.noun) \($0.name)." } ?? "Show recent events in namespace \(namespace)."
        }
    }
}

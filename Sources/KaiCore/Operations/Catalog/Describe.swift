extension CatalogOperation {
    /// Shows an object's spec, status and recent events, as `kubectl describe` does.
    public struct Describe: ReadOperation {
        public static let name = OperationName.describe
        public let object: ObjectReference

        /// Describes `object`.
        public init(_ object: ObjectReference) { self.object = object }

        public var target: ObjectReference? { object }
        public var arguments: [OperationArgument] { [] }

        public func summary(before: DeploymentState?) -> String {
            "Describe \(object.kind.noun) \(object.name): spec, status and recent events."
        }
    }
}

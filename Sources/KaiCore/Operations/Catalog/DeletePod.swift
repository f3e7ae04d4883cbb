extension CatalogOperation {
    /// Deletes one pod so that its controller replaces it. Disruptive.
    public struct DeletePod: TypedOperation {
        public static let name = OperationName.deletePod
        public let pod: ObjectReference

        /// Deletes `pod`.
        public init(_ pod: ObjectReference) { self.pod = pod }

        public var target: ObjectReference? { pod }
        public var risk: Risk { .disruptive }
        public var arguments: [OperationArgument] { [] }

        public func summary(before: DeploymentState?) -> String {
            "Delete pod \(pod.name); its deployment starts a replacement."
        }

        public func undo(before: DeploymentState?) -> Undo {
            .irreversible("A deleted pod cannot be brought back; its deployment has started a replacement.")
        }
    }
}

extension CatalogOperation {
    /// Lists objects of one kind in a namespace, optionally filtered: `kubectl get pods -l … --field-selector …`.
    public struct List: ReadOperation {
        public static let name = OperationName.list
        public let kind: ResourceKind
        public let namespace: String
        public let selector: LabelSelector?
        public let fieldSelector: FieldSelector?

        /// Lists `kind` in `namespace`, filtered by the selectors when given.
        public init(kind: ResourceKind, namespace: String, selector: LabelSelector? = nil, fieldSelector: FieldSelector? = nil) {
            self.kind = kind
            self.namespace = namespace
            self.selector = selector
            self.fieldSelector = fieldSelector
        }

        public var target: ObjectReference? { nil }

        public var arguments: [OperationArgument] {
            var arguments = [OperationArgument("kind", .string(kind.rawValue))]
            if let selector { arguments.append(OperationArgument("selector", .string(selector.text))) }
            if let fieldSelector { arguments.append(OperationArgument("fieldSelector", .string(fieldSelector.text))) }
            return arguments
        }

        public func summary(before: DeploymentState?) -> String {
            var filters: [String] = []
            if let selector { filters.append("labels \(selector)") }
            if let fieldSelector { filters.append("fields \(fieldSelector)") }
            let filter = filters.isEmpty ? "" : " matching " + filters.joined(separator: " and ")
            return "List \(kind.displayName) in namespace \(namespace)\(filter)."
        }
    }
}

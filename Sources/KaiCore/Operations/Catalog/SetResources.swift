extension CatalogOperation {
    /// Sets CPU and memory requests and limits of one container of a deployment:
    /// `kubectl set resources`. Disruptive: the deployment's pods are replaced.
    public struct SetResources: TypedOperation {
        public static let name = OperationName.setResources
        public let deployment: ObjectReference
        public let container: ContainerName
        /// The settings changed; the others stay as they are.
        public let changes: [ResourceField: ResourceSetting]

        /// Sets `changes` on `container` of `deployment`; at least one change.
        public init(_ deployment: ObjectReference, container: ContainerName, changes: [ResourceField: ResourceSetting]) throws(ValueError) {
            guard !changes.isEmpty else {
                throw ValueError(problem: "setResources needs at least one of cpuRequest, cpuLimit, memoryRequest and memoryLimit.",
                                 remedy: "Say what to set, e.g. \"set backend memory limit to 512Mi\".")
            }
            try ContainerResourceValues().applying(changes).checkRequestsFitLimits(container: container.value)
            self.deployment = deployment
            self.container = container
            self.changes = changes
        }

        public var target: ObjectReference? { deployment }
        public var risk: Risk { .disruptive }

        /// The changed fields in the order plans show them.
        public var fields: [ResourceField] { changes.keys.sorted() }

        public var arguments: [OperationArgument] {
            [OperationArgument("container", .string(container.value))]
                + fields.map { OperationArgument($0.argument, .string(changes[$0]?.description ?? "")) }
        }

        public func summary(before: DeploymentState?) -> String {
            let current = before?.containers.first { $0.name == container.value }?.resources
            let settings = fields.map { field in
                let now = current.map { " (now \($0[field] ?? "not set"))" } ?? ""
                return "\(field) \(changes[field]?.quantity?.text ?? "removed")\(now)"
            }
            return "Set \(settings.joined(separator: ", ")) of container \(container) in deployment \(deployment.name): its pods are replaced."
        }

        public func undo(before: DeploymentState?) -> Undo {
            guard let current = before?.containers.first(where: { $0.name == container.value })?.resources else { return .unknownUntilRun }
            var previous: [ResourceField: ResourceSetting] = [:]
            for field in fields {
                guard let text = current[field] else {
                    previous[field] = .unset
                    continue
                }
                guard let quantity = try? ResourceQuantity(text) else {
                    return .irreversible("The current \(field) \"\(text)\" cannot be written back as a quantity.")
                }
                previous[field] = .set(quantity)
            }
            guard let inverse = try? SetResources(deployment, container: container, changes: previous) else {
                return .irreversible("The current requests and limits of container \(container) cannot be written back.")
            }
            return .operation(.setResources(inverse))
        }
    }
}

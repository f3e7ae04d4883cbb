extension CatalogOperation {
    /// Changes the image of one container of a deployment: `kubectl set image`. Disruptive.
    public struct SetImage: TypedOperation {
        public static let name = OperationName.setImage
        public let deployment: ObjectReference
        /// The container to change; nil means the deployment's only container.
        public let container: ContainerName?
        public let image: ImageReference

        /// Sets `container` (or the only container) of `deployment` to `image`.
        public init(_ deployment: ObjectReference, container: ContainerName? = nil, image: ImageReference) {
            self.deployment = deployment
            self.container = container
            self.image = image
        }

        public var target: ObjectReference? { deployment }
        public var risk: Risk { .disruptive }

        public var arguments: [OperationArgument] {
            var arguments: [OperationArgument] = []
            if let container { arguments.append(OperationArgument("container", .string(container.value))) }
            arguments.append(OperationArgument("image", .string(image.description)))
            return arguments
        }

        public func summary(before: DeploymentState?) -> String {
            let which = container.map { "container \($0) of " } ?? ""
            let now = before.flatMap(currentImage(in:)).map { " (now \($0.image))" } ?? ""
            return "Set the image of \(which)deployment \(deployment.name) to \(image)\(now): its pods are replaced."
        }

        public func undo(before: DeploymentState?) -> Undo {
            guard let before, let current = currentImage(in: before) else { return .unknownUntilRun }
            guard let previous = try? ImageReference(current.image, requireTag: false),
                  let name = try? ContainerName(current.name) else {
                return .irreversible("The current image \"\(current.image)\" cannot be written back as an image reference.")
            }
            return .operation(.setImage(SetImage(deployment, container: name, image: previous)))
        }

        /// The container this operation changes, as it is now: the named one, or the only one.
        private func currentImage(in state: DeploymentState) -> ContainerImage? {
            if let container { return state.containers.first { $0.name == container.value } }
            return state.containers.count == 1 ? state.containers.first : nil
        }
    }
}

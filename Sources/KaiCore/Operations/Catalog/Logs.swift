extension CatalogOperation {
    /// Reads a pod's or deployment's logs: `kubectl logs --tail --since --previous -c`.
    public struct Logs: ReadOperation {
        public static let name = OperationName.logs
        public let source: ObjectReference
        public let container: ContainerName?
        public let tail: TailLines
        public let since: LogWindow?
        public let previous: Bool

        /// Reads the last `tail` lines of `source`, optionally from one container, a time window or the previous run.
        public init(_ source: ObjectReference, container: ContainerName? = nil, tail: TailLines = .standard,
                    since: LogWindow? = nil, previous: Bool = false) {
            self.source = source
            self.container = container
            self.tail = tail
            self.since = since
            self.previous = previous
        }

        public var target: ObjectReference? { source }

        public var arguments: [OperationArgument] {
            var arguments: [OperationArgument] = []
            if let container { arguments.append(OperationArgument("container", .string(container.value))) }
            arguments.append(OperationArgument("tail", .int(tail.value)))
            if let since { arguments.append(OperationArgument("since", .int(since.seconds))) }
            arguments.append(OperationArgument("previous", .bool(previous)))
            return arguments
        }

        public func summary(before: DeploymentState?) -> String {
            var text = "Show the last \(tail) log lines"
            if let since { text += " from the last \(since)" }
            text += " of " + (container.map { "container \($0) of " } ?? "") + "\(source.kind.noun) \(source.name)"
            return text + (previous ? ", from the run before its last restart." : ".")
        }
    }
}

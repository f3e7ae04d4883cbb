extension CatalogOperation {
    /// Returns a deployment to an earlier revision: `kubectl rollout undo [--to-revision]`. Disruptive.
    public struct Rollback: TypedOperation {
        public static let name = OperationName.rollback
        public let deployment: ObjectReference
        /// The revision to return to; nil means the one before the current.
        public let revision: Revision?

        /// Rolls `deployment` back to `revision`, or to the previous revision when nil.
        public init(_ deployment: ObjectReference, revision: Revision? = nil) {
            self.deployment = deployment
            self.revision = revision
        }

        public var target: ObjectReference? { deployment }
        public var risk: Risk { .disruptive }
        public var arguments: [OperationArgument] { revision.map { [OperationArgument("revision", .int($0.value))] } ?? [] }

        public func summary(before: DeploymentState?) -> String {
            let destination = revision.map { "revision \($0)" } ?? "its previous revision"
            let now = before?.revision.map { " (now at revision \($0))" } ?? ""
            return "Roll deployment \(deployment.name) back to \(destination)\(now): its pods are replaced with that revision's."
        }

        public func undo(before: DeploymentState?) -> Undo {
            guard let current = before?.revision, let revision = try? Revision(current) else { return .unknownUntilRun }
            return .operation(.rollback(Rollback(deployment, revision: revision)))
        }
    }
}

/// One step as an interpreter understood it: an operation, the target as the person
/// named it, and typed arguments. The resolver turns it into a ``CatalogOperation``.
///
/// The local grammar and the model providers both produce drafts, so both go through
/// the same resolution, policy and confirmation.
public struct DraftStep: Sendable, Hashable {
    public var operation: OperationName
    public var target: TargetPhrase?
    /// The namespace the request named ("in namespace staging"); nil means the current one.
    public var namespace: String?
    public var replicas: ReplicaRequest?
    public var kind: ResourceKind?
    public var selector: LabelSelector?
    public var fieldSelector: FieldSelector?
    public var container: ContainerName?
    public var tail: TailLines?
    public var since: LogWindow?
    public var previous: Bool
    public var revision: Revision?
    public var image: ImageReference?
    /// A new tag for the image the container runs now ("deploy backend version 1.2.0"), when no whole image was given.
    public var imageTag: String?
    public var autoscale: AutoscaleBounds?
    /// The requests and limits a setResources step asks for.
    public var resources: ResourceRequest?

    /// A draft of `operation` on `target`; set the arguments it needs afterwards.
    public init(_ operation: OperationName, target: TargetPhrase? = nil) {
        self.operation = operation
        self.target = target
        self.previous = false
    }
}

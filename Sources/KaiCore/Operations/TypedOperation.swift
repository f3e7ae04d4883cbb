/// What every operation in the catalog provides. Each operation is a value type in
/// `Catalog/`, one file per operation, holding its arguments and all of these.
public protocol TypedOperation: Sendable, Hashable {
    /// The operation's name in the catalog.
    static var name: OperationName { get }
    /// The object acted on; nil when the operation covers a whole namespace.
    var target: ObjectReference? { get }
    /// The namespace the operation acts in.
    var namespace: String { get }
    /// How much the operation can hurt.
    var risk: Risk { get }
    /// The arguments other than the target, as the JSON plan shows them.
    var arguments: [OperationArgument] { get }
    /// One line saying what will happen, using what is known of the target beforehand.
    func summary(before: DeploymentState?) -> String
    /// How to put things back after the operation ran over `before`.
    func undo(before: DeploymentState?) -> Undo
}

extension TypedOperation {
    public var namespace: String { target?.namespace ?? "" }
}

/// The inverse of a read: nothing.
public protocol ReadOperation: TypedOperation {}

extension ReadOperation {
    public var risk: Risk { .read }
    public func undo(before: DeploymentState?) -> Undo { .notNeeded }
}

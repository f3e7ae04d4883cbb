/// One operation of the catalog with its typed, validated arguments and a resolved target.
///
/// Operations are values: kai never builds command strings. Each case's type lives in
/// `Catalog/` with its risk, description, arguments and inverse; adding an operation
/// means adding a case here, a file there, and its name in ``OperationName``.
public enum CatalogOperation: Sendable, Hashable {
    case list(List)
    case describe(Describe)
    case logs(Logs)
    case events(Events)
    case diagnose(Diagnose)
    case resources(Resources)
    case rolloutStatus(RolloutStatus)
    case rolloutHistory(RolloutHistory)
    case scale(Scale)
    case restart(Restart)
    case autoscale(Autoscale)
    case rollback(Rollback)
    case setImage(SetImage)
    case setResources(SetResources)
    case removeAutoscaler(RemoveAutoscaler)
    case deletePod(DeletePod)

    /// The operation's value, through the protocol every catalog entry shares.
    public var typed: any TypedOperation {
        switch self {
        case .list(let operation): operation
        case .describe(let operation): operation
        case .logs(let operation): operation
        case .events(let operation): operation
        case .diagnose(let operation): operation
        case .resources(let operation): operation
        case .rolloutStatus(let operation): operation
        case .rolloutHistory(let operation): operation
        case .scale(let operation): operation
        case .restart(let operation): operation
        case .autoscale(let operation): operation
        case .rollback(let operation): operation
        case .setImage(let operation): operation
        case .setResources(let operation): operation
        case .removeAutoscaler(let operation): operation
        case .deletePod(let operation): operation
        }
    }

    /// The operation's catalog name.
    public var name: OperationName { type(of: typed).name }
    /// The object acted on, if any.
    public var target: ObjectReference? { typed.target }
    /// The namespace the operation acts in.
    public var namespace: String { typed.namespace }
    /// How much the operation can hurt.
    public var risk: Risk { typed.risk }
    /// The arguments other than the target.
    public var arguments: [OperationArgument] { typed.arguments }

    /// The operation in a few words: "logs deployment todo-chatbot-backend (tail=100)".
    public var inWords: String {
        let target = self.target.map { " \($0.kind.noun) \($0.name)" } ?? " in \(namespace)"
        let arguments = self.arguments.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        return "\(name)\(target)" + (arguments.isEmpty ? "" : " (\(arguments))")
    }
}

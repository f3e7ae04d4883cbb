/// The kinds of object an operation can act on.
public enum ObjectKind: String, Sendable, Hashable, Codable, CaseIterable {
    case deployment = "Deployment"
    case pod = "Pod"

    /// The word a person uses for the kind: "deployment", "pod".
    public var noun: String { rawValue.lowercased() }
}

/// One object in the cluster, named exactly: kind, namespace and name.
public struct ObjectReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public let kind: ObjectKind
    public let namespace: String
    public let name: String

    /// Refers to the object `kind` called `name` in `namespace`.
    public init(kind: ObjectKind, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// "deployment todo-chatbot/todo-chatbot-backend".
    public var description: String { "\(kind.noun) \(namespace)/\(name)" }
}

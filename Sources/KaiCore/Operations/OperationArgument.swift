/// One named argument of an operation, as the JSON plan shows it.
public struct OperationArgument: Sendable, Hashable {
    public let name: String
    public let value: ArgumentValue

    /// An argument called `name` with `value`.
    public init(_ name: String, _ value: ArgumentValue) {
        self.name = name
        self.value = value
    }
}

/// The JSON types an argument can have.
public enum ArgumentValue: Sendable, Hashable, Encodable, CustomStringConvertible {
    case int(Int)
    case string(String)
    case bool(Bool)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .string(let value): value
        case .bool(let value): String(value)
        }
    }
}

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
public enum ArgumentValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int)
    case string(String)
    case bool(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else { self = .string(try container.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }

    /// The value as an integer, when it is one.
    public var int: Int? { if case .int(let value) = self { value } else { nil } }
    /// The value as text, when it is text.
    public var string: String? { if case .string(let value) = self { value } else { nil } }

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .string(let value): value
        case .bool(let value): String(value)
        }
    }
}

import Foundation

/// A JSON document of any shape. The sandbox stores every object as one, so fields it does
/// not know are kept exactly as a client sent them.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object; `.null` for anything else or a missing key.
    public subscript(key: String) -> JSONValue {
        get {
            guard case .object(let members) = self else { return .null }
            return members[key] ?? .null
        }
        set {
            var members: [String: JSONValue]
            if case .object(let existing) = self { members = existing } else { members = [:] }
            if case .null = newValue { members[key] = nil } else { members[key] = newValue }
            self = .object(members)
        }
    }

    /// The value at a dotted path: `object[path: "metadata.name"]`.
    public subscript(path path: String) -> JSONValue {
        get {
            // Walks the keys without building an array of them: paths are read on every request and tick.
            var value = self
            var start = path.startIndex
            while start <= path.endIndex {
                let end = path[start...].firstIndex(of: ".") ?? path.endIndex
                if start < end { value = value[String(path[start..<end])] }
                guard end < path.endIndex else { break }
                start = path.index(after: end)
            }
            return value
        }
        set { self.set(Array(path.split(separator: ".").map(String.init))[...], to: newValue) }
    }

    private mutating func set(_ keys: ArraySlice<String>, to value: JSONValue) {
        guard let first = keys.first else { self = value; return }
        var child = self[first]
        child.set(keys.dropFirst(), to: value)
        self[first] = child
    }

    public var string: String? { if case .string(let value) = self { value } else { nil } }
    public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    public var array: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    public var object: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The value as a whole number (JSON numbers that are whole, or numeric strings are not converted).
    public var int: Int? {
        switch self {
        case .int(let value): Int(value)
        case .double(let value) where value.rounded() == value: Int(value)
        default: nil
        }
    }

    /// A string-to-string map such as labels or annotations; empty when absent.
    public var stringMap: [String: String] {
        (object ?? [:]).compactMapValues(\.string)
    }

    /// An object from a string-to-string map.
    public init(_ map: [String: String]) {
        self = .object(map.mapValues { .string($0) })
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements) { $1 })
    }
    public init(nilLiteral: ()) { self = .null }
}

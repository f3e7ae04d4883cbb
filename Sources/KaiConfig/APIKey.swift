/// A model provider's API key. It is sent only in the provider's authentication header; every
/// way of printing it shows that it is set and nothing of the key itself.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key, for the authentication header only.
    public let value: String

    /// A key holding `value`, with surrounding white space (a key file's newline) removed.
    public init(_ value: String) {
        self.value = value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public var description: String { "(hidden)" }
    public var debugDescription: String { "APIKey(hidden)" }
}

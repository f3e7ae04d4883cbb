/// A model provider's API key. It is sent only in the provider's authentication header; every
/// way of printing it shows that it is set and nothing of the key itself.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key, for the authentication header only.
    public let value: String

    /// A key holding `value`, with surrounding white space (a key file's newline) removed.
    public init(_ value: String) {
        self.value = value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Why the key cannot travel in an HTTP header, without quoting it: nil for a key of visible ASCII
    /// characters only. A file with a second line or a stray control character would otherwise reach the
    /// HTTP client, whose error message quotes the header value.
    public var headerFlaw: String? {
        let lines = value.split(whereSeparator: \.isNewline).count
        if lines > 1 { return "holds \(lines) lines" }
        if value.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value > 0x7E }) {
            return "holds spaces, control or non-ASCII characters"
        }
        return nil
    }

    public var description: String { "(hidden)" }
    public var debugDescription: String { "APIKey(hidden)" }
}

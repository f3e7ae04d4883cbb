/// A ConfigMap, by name and keys: kai never shows values it does not need.
public struct ConfigMap: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var data: [String: String]?

    /// The keys it holds.
    public var keys: [String] { (data ?? [:]).keys.sorted() }
}

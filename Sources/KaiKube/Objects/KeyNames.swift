/// A Secret or ConfigMap reduced to its name and the names of its keys. The values are never
/// decoded, so they cannot end up in a message, a log or a report.
///
/// ```swift
/// let secrets = try await client.list(KeyNames.self, .secrets, in: "todo-chatbot").items
/// secrets.first?.keys   // ["DATABASE_URL", "POSTGRES_PASSWORD"]
/// ```
public struct KeyNames: Decodable, Sendable, Hashable {
    public var metadata: ObjectMeta
    /// The keys of `data`, `stringData` and `binaryData`, sorted.
    public var keys: [String]

    enum CodingKeys: String, CodingKey { case metadata, data, stringData, binaryData }

    /// Only the key names of the data maps are read; each value is skipped unseen.
    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decode(ObjectMeta.self, forKey: .metadata)
        var names: Set<String> = []
        for field in [CodingKeys.data, .stringData, .binaryData] where container.contains(field) {
            guard try !container.decodeNil(forKey: field) else { continue }
            names.formUnion(try container.nestedContainer(keyedBy: AnyKey.self, forKey: field).allKeys.map(\.stringValue))
        }
        keys = names.sorted()
    }

    /// A reduced object called `name` holding `keys`.
    public init(metadata: ObjectMeta, keys: [String]) {
        self.metadata = metadata
        self.keys = keys.sorted()
    }
}

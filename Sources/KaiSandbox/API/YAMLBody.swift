import Yams

/// YAML request bodies (server-side apply sends `application/apply-patch+yaml`) as JSON values.
enum YAMLBody {
    static func parse(_ text: String) throws -> JSONValue {
        guard let node = try Yams.compose(yaml: text) else { return .null }
        return value(node)
    }

    private static func value(_ node: Node) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, child) in mapping { members[key.string ?? ""] = value(child) }
            return .object(members)
        case .sequence(let sequence):
            return .array(sequence.map(value))
        case .scalar(let scalar):
            if scalar.style == .plain {
                if scalar.string == "null" || scalar.string == "~" || scalar.string.isEmpty { return .null }
                if let flag = Bool.construct(from: scalar) { return .bool(flag) }
                if let number = Int64(scalar.string) { return .int(number) }
                if let number = Double.construct(from: scalar), scalar.string.contains(".") { return .double(number) }
            }
            return .string(scalar.string)
        case .alias:
            return .null
        }
    }
}

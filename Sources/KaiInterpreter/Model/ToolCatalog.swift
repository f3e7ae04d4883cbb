import KaiCore

/// The tools a model is offered: one per catalog operation, with a JSON Schema generated from the
/// operation's ``OperationParameter``s, the same description that checks runbooks and tool calls.
public enum ToolCatalog {
    /// The tools for `operations` (the policy leaves out what it switches off).
    public static func definitions(for operations: [OperationName] = OperationName.allCases) -> [ToolDefinition] {
        operations.map { operation in
            ToolDefinition(name: operation.rawValue, description: operation.purpose, parameters: schema(of: operation))
        }
    }

    /// `{"type": "object", "properties": {…}, "required": […]}` for `operation`'s arguments.
    public static func schema(of operation: OperationName) -> JSON {
        var properties: [String: JSON] = [:]
        for parameter in operation.parameters {
            properties[parameter.name] = property(parameter)
        }
        properties["namespace"] = ["type": "string", "description": "Leave this out, unless the request names another namespace."]
        let required = operation.parameters.filter(\.required).map { JSON.string($0.name) }
        return ["type": "object", "properties": .object(properties), "required": .array(required)]
    }

    private static func property(_ parameter: OperationParameter) -> JSON {
        let description = JSON.string(parameter.summary)
        switch parameter.kind {
        case .target:
            return ["type": "string", "description": description]
        case .integer(let range):
            return ["type": "integer", "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound), "description": description]
        case .text:
            return ["type": "string", "description": description]
        case .boolean:
            return ["type": "boolean", "description": description]
        case .choice(let words):
            return ["type": "string", "enum": .array(words.map { .string($0) }), "description": description]
        case .duration:
            return ["type": "string", "description": .string(parameter.summary + " Write it as 90s, 10m or 1h30m.")]
        }
    }
}

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

    /// `{"type": "object", "properties": {…}, "required": […]}` for `operation`'s arguments. Kept compact:
    /// an argument whose name, type and range say what it is carries no description, and the system
    /// prompt says once how to name targets and when to give a namespace.
    public static func schema(of operation: OperationName) -> JSON {
        var properties: [String: JSON] = [:]
        for parameter in operation.parameters {
            properties[parameter.name] = property(parameter)
        }
        properties["namespace"] = ["type": "string"]
        var schema: JSON = ["type": "object", "properties": .object(properties)]
        let required = operation.parameters.filter(\.required).map { JSON.string($0.name) }
        if !required.isEmpty { schema["required"] = .array(required) }
        return schema
    }

    /// Ranges past this are no bound worth a model's attention (replicas up to 2^31-1).
    private static let largestShownMaximum = 100_000

    private static func property(_ parameter: OperationParameter) -> JSON {
        switch parameter.kind {
        case .target:
            return ["type": "string"]
        case .integer(let range):
            var property: JSON = ["type": "integer", "minimum": .int(range.lowerBound)]
            if range.upperBound <= largestShownMaximum { property["maximum"] = .int(range.upperBound) }
            return property
        case .text(let example):
            return ["type": "string", "description": .string("e.g. \(example)")]
        case .boolean:
            return ["type": "boolean"]
        case .choice(let words):
            return ["type": "string", "enum": .array(words.map { .string($0) })]
        case .duration:
            return ["type": "string", "description": "e.g. 90s, 10m, 1h30m"]
        }
    }
}

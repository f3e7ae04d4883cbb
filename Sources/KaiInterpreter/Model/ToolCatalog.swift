import KaiCore

/// The tools a model is offered: one per catalog operation, with a JSON Schema generated from the
/// operation's ``OperationParameter``s, the same description that checks runbooks and tool calls.
public enum ToolCatalog {
    /// How much each tool's schema says.
    public enum Detail: Sendable, Hashable {
        /// Every argument with its example of form, `namespace` included: for agents (`kai mcp`).
        case full
        /// What a small model on a laptop CPU needs to read before every request: no examples (the
        /// system prompt gives the forms once), and `namespace` only when `namespace` is true (the
        /// request names another namespace; kai acts in the current one otherwise).
        case compact(namespace: Bool)
    }

    /// The tools for `operations` (the policy leaves out what it switches off), at `detail`.
    public static func definitions(for operations: [OperationName] = OperationName.allCases, detail: Detail = .full) -> [ToolDefinition] {
        operations.map { operation in
            ToolDefinition(name: operation.rawValue, description: operation.purpose, parameters: schema(of: operation, detail: detail))
        }
    }

    /// `{"type": "object", "properties": {…}, "required": […]}` for `operation`'s arguments. An argument
    /// whose name, type and range say what it is carries no description; a text argument shows its form
    /// at `.full` detail.
    public static func schema(of operation: OperationName, detail: Detail = .full) -> JSON {
        var properties: [String: JSON] = [:]
        for parameter in operation.parameters {
            properties[parameter.name] = property(parameter, examples: detail == .full)
        }
        switch detail {
        case .full, .compact(namespace: true): properties["namespace"] = ["type": "string", "maxLength": 63]
        case .compact(namespace: false): break
        }
        var schema: JSON = ["type": "object", "properties": .object(properties)]
        let required = operation.parameters.filter(\.required).map { JSON.string($0.name) }
        if !required.isEmpty { schema["required"] = .array(required) }
        return schema
    }

    /// Ranges past this are no bound worth a model's attention (replicas up to 2^31-1, 50,000 log lines).
    /// At `.compact` detail a lower bound of 0 or 1 is left out too: kai checks every value, and says
    /// what was wrong to the model when one is out of range.
    private static let largestShownMaximum = 1_000

    /// The longest text an argument may be: a Kubernetes object name (a DNS subdomain, 253), an
    /// image reference or selector (256), a duration (16). The bound is what a server that
    /// constrains decoding by the schema (llama.cpp's grammars) needs to stop a small model that
    /// never closes its string; without it one such argument ran to the end of the context.
    static let longestName = 253, longestText = 256, longestDuration = 16

    private static func property(_ parameter: OperationParameter, examples: Bool) -> JSON {
        switch parameter.kind {
        case .target:
            return ["type": "string", "maxLength": .int(longestName)]
        case .integer(let range):
            var property: JSON = ["type": "integer"]
            if examples || range.lowerBound > 1 { property["minimum"] = .int(range.lowerBound) }
            if range.upperBound <= largestShownMaximum { property["maximum"] = .int(range.upperBound) }
            return property
        case .text(let example):
            var property: JSON = ["type": "string", "maxLength": .int(longestText)]
            if examples { property["description"] = .string("e.g. \(example)") }
            return property
        case .boolean:
            return ["type": "boolean"]
        case .choice(let words):
            return ["type": "string", "enum": .array(words.map { .string($0) })]
        case .duration:
            var property: JSON = ["type": "string", "maxLength": .int(longestDuration)]
            if examples { property["description"] = "e.g. 90s, 10m, 1h30m" }
            return property
        }
    }
}

import KaiCore

/// The tools a model is offered: one per catalog operation, with a JSON Schema generated from the
/// operation's ``OperationParameter``s, the same description that checks runbooks and tool calls.
public enum ToolCatalog {
    /// How much each tool's schema says.
    public enum Detail: Sendable, Hashable {
        /// Every argument with its example of form, `namespace` included: for agents (`kai mcp`).
        case full
        /// What a small model on a laptop CPU needs to read before every request: no descriptions (the
        /// system prompt names each tool's purpose once, ``glossary(_:)``), no examples (it gives the forms
        /// once too), a change's optional arguments only when the request has words for them
        /// (``RequestCues``: a made-up revision or memory limit would be a wrong change), and the
        /// `namespace` only when it names another one (kai acts in the current one otherwise). A read keeps
        /// its optional arguments, so that the reads, offered first, are the same text from one request to
        /// the next and a local server's prompt cache keeps them.
        case compact(RequestCues)
    }

    /// The tools for `operations` (the policy leaves out what it switches off), at `detail`.
    public static func definitions(for operations: [OperationName] = OperationName.allCases, detail: Detail = .full) -> [ToolDefinition] {
        operations.map { operation in
            let description = if case .full = detail { operation.purpose.prefix(1).uppercased() + operation.purpose.dropFirst() + "." } else { "" }
            return ToolDefinition(name: operation.rawValue, description: description, parameters: schema(of: operation, detail: detail))
        }
    }

    /// One line naming each of `operations` with its purpose, for a system prompt that goes with compact
    /// tools: "Tools: list (objects of a kind), …". Local servers such as llama-cpp-python's show a model
    /// a tool's name and arguments but not its description, so the purpose has to be said here.
    public static func glossary(_ operations: [OperationName]) -> String {
        "Tools: " + operations.map { "\($0.rawValue) (\($0.purpose))" }.joined(separator: ", ") + "."
    }

    /// `{"type": "object", "properties": {…}, "required": […]}` for `operation`'s arguments. An argument
    /// whose name, type and range say what it is carries no description; a text argument shows its form
    /// at `.full` detail.
    public static func schema(of operation: OperationName, detail: Detail = .full) -> JSON {
        var properties: [String: JSON] = [:]
        for parameter in operation.parameters {
            switch detail {
            case .full: properties[parameter.name] = property(parameter, examples: true)
            case .compact(let cues) where !operation.isChange || cues.mentions(parameter, of: operation):
                properties[parameter.name] = property(parameter, examples: false)
            case .compact: break
            }
        }
        switch detail {
        case .full: properties["namespace"] = ["type": "string", "maxLength": 63]
        case .compact(let cues) where cues.namesAnotherNamespace: properties["namespace"] = ["type": "string", "maxLength": 63]
        case .compact: break
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

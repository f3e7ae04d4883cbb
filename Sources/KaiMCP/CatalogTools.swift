import KaiCore
import KaiInterpreter
import MCP

/// The tools `kai mcp` offers: one per catalog operation, with the JSON Schema the model providers
/// are given (``ToolCatalog``, one source for both), MCP's hints about what each may do, and the
/// `plan` tool that takes a request in plain language.
public enum CatalogTools {
    /// The name of the tool that plans a request given in plain language.
    public static let planTool = "plan"

    /// The catalog's operations offered: every one, or only the reads when `readOnly`.
    public static func operations(readOnly: Bool) -> [OperationName] {
        OperationName.allCases.filter { !readOnly || !$0.isChange }
    }

    /// The tool list for `operations`, followed by `plan`.
    public static func tools(for operations: [OperationName]) -> [Tool] {
        ToolCatalog.definitions(for: operations).compactMap { definition in
            guard let operation = OperationName(rawValue: definition.name) else { return nil }
            return Tool(name: definition.name, title: title(operation), description: definition.description + consentNote(operation),
                        inputSchema: strict(definition.parameters), annotations: annotations(operation))
        } + [plan]
    }

    /// The providers' schema, saying also what kai enforces anyway: no argument beyond those listed.
    private static func strict(_ schema: JSON) -> Value {
        var schema = schema
        schema["additionalProperties"] = false
        return MCPValue.from(schema)
    }

    /// What MCP clients are told of `operation`: reads are read-only and repeatable; changes say
    /// whether they can destroy something and whether running them twice is the same as once.
    public static func annotations(_ operation: OperationName) -> Tool.Annotations {
        guard operation.isChange else {
            return Tool.Annotations(title: title(operation), readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
        }
        return Tool.Annotations(title: title(operation), readOnlyHint: false, destructiveHint: canBeDisruptive(operation),
                                idempotentHint: isIdempotent(operation), openWorldHint: false)
    }

    /// Whether some call of `operation` is disruptive: scale (to 0), rollback, set image, set resources,
    /// remove an autoscaler, delete a pod. Every operation is named, so a new one needs a decision here.
    static func canBeDisruptive(_ operation: OperationName) -> Bool {
        switch operation {
        case .scale, .rollback, .setImage, .setResources, .removeAutoscaler, .deletePod: true
        case .list, .describe, .logs, .events, .diagnose, .resources, .rolloutStatus, .rolloutHistory, .restart, .autoscale: false
        }
    }

    /// Whether calling `operation` twice with the same arguments leaves the cluster as once does.
    static func isIdempotent(_ operation: OperationName) -> Bool {
        switch operation {
        case .scale, .autoscale, .setImage, .setResources, .removeAutoscaler: true
        case .restart, .rollback, .deletePod: false
        case .list, .describe, .logs, .events, .diagnose, .resources, .rolloutStatus, .rolloutHistory: true
        }
    }

    private static func consentNote(_ operation: OperationName) -> String {
        guard operation.isChange else { return "" }
        return " The person confirms it (through the client, or with `kai approve ID` in their terminal); the agent cannot."
    }

    private static func title(_ operation: OperationName) -> String {
        switch operation {
        case .list: "List objects"
        case .describe: "Describe a deployment or pod"
        case .logs: "Read logs"
        case .events: "Read events"
        case .diagnose: "Diagnose a failure"
        case .resources: "Compare resources with usage"
        case .rolloutStatus: "Rollout status"
        case .rolloutHistory: "Rollout history"
        case .scale: "Scale a deployment"
        case .restart: "Restart a deployment"
        case .autoscale: "Autoscale a deployment"
        case .rollback: "Roll a deployment back"
        case .setImage: "Set a deployment's image"
        case .setResources: "Set a container's CPU and memory"
        case .removeAutoscaler: "Remove a deployment's autoscaler"
        case .deletePod: "Delete a pod"
        }
    }

    private static let plan = Tool(
        name: planTool, title: "Plan a request",
        description: "Turn a request in plain language (the person's own words) into kai's checked plan: typed steps resolved against the cluster "
            + "and checked by the policy, with what each does and how it is undone. Nothing runs; call the steps' tools to run them.",
        inputSchema: .object(["type": "object",
                              "properties": .object(["request": .object(["type": "string", "description": "The request, e.g. \"scale the backend to 3\"."])]),
                              "required": .array(["request"])]),
        annotations: Tool.Annotations(title: "Plan a request", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false))
}

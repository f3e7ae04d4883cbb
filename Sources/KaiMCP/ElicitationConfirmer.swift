import Foundation
import KaiExecutor
import MCP

/// Asks the person through the MCP client's elicitation form (the client shows it to its user, not
/// to the model): the plan as the terminal shows it, then a yes for changes, or the target's name
/// typed for a disruptive step. Anything but an explicit yes, or the exact name, is a no.
struct ElicitationConfirmer: Confirmer {
    let server: Server
    /// The plan as `kai` shows it at a terminal: steps, before -> after, undo.
    let planText: String

    func confirmChanges(_ summaries: [String]) async -> Bool {
        let noun = summaries.count == 1 ? "this change" : "these \(summaries.count) changes"
        let schema = Elicitation.RequestSchema(
            title: "Make \(noun)?",
            properties: ["confirm": .object(["type": "boolean", "title": "Make \(noun)", "description": "Tick to make \(noun); leave it to change nothing."])],
            required: ["confirm"])
        guard let answer = await ask(planText + "\nMake \(noun)?", schema) else { return false }
        return answer["confirm"] == .bool(true)
    }

    func confirmByName(_ name: String, for summary: String, label: String) async -> Bool {
        let schema = Elicitation.RequestSchema(
            title: "Type \(name) to confirm",
            properties: ["name": .object(["type": "string", "title": "Type \(name) to confirm", "description": "The target's name, exactly."])],
            required: ["name"])
        guard let answer = await ask(planText + "\n\(label): \(summary)\nType \(name) to confirm.", schema) else { return false }
        return answer["name"]?.stringValue?.trimmingCharacters(in: .whitespaces) == name
    }

    /// The accepted form's content; nil when the person declined or cancelled, or the client failed.
    private func ask(_ message: String, _ schema: Elicitation.RequestSchema) async -> [String: Value]? {
        guard let result = try? await server.requestElicitation(message: MCPValue.cleanText(message), requestedSchema: schema),
              result.action == .accept else { return nil }
        return result.content ?? [:]
    }
}

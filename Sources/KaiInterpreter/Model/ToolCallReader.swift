import Foundation
import KaiCore

/// Reads a model's tool call as untrusted input: an unknown tool, arguments that are not JSON or
/// not an object, wrong types, out-of-range values and unknown arguments are all refused with a
/// sentence the model can correct itself from.
public enum ToolCallReader {
    /// The draft step `call` asks for, or what is wrong with it.
    public static func draft(_ call: ToolCall, offered: [OperationName]) -> Result<DraftStep, ArgumentError> {
        guard let operation = OperationName(rawValue: call.name), offered.contains(operation) else {
            return .failure(ArgumentError(argument: nil, problem: "There is no tool \"\(clip(call.name))\".",
                                          remedy: "Call one of \(offered.map(\.rawValue).joined(separator: ", ")), or answer in text."))
        }
        let text = call.arguments.trimmingCharacters(in: .whitespacesAndNewlines)
        let value: JSON
        if text.isEmpty {
            value = .object([:])
        } else {
            guard let parsed = try? JSONDecoder().decode(JSON.self, from: Data(text.utf8)) else {
                return .failure(ArgumentError(argument: nil, problem: "The arguments of \(operation) are not valid JSON: \(clip(text)).",
                                              remedy: "Send the arguments as one JSON object, e.g. {\"target\": \"backend\"}."))
            }
            value = parsed
        }
        guard let members = value.object else {
            return .failure(ArgumentError(argument: nil, problem: "The arguments of \(operation) must be a JSON object, not \(clip(text)).",
                                          remedy: "Send them as {\"name\": value, …}."))
        }
        // An optional argument sent empty or null is one not given: small models write "" for "none".
        let required = Set(operation.parameters.filter(\.required).map(\.name))
        let given = members.filter { name, value in required.contains(name) || !(value == .null || value == .string("")) }
        do {
            return .success(try DraftBuilder.draft(operation, given.mapValues(\.argument)))
        } catch {
            return .failure(error)
        }
    }

    /// Model text quoted in a message: one line, at most 120 characters.
    static func clip(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 120 ? String(line.prefix(117)) + "..." : line
    }
}

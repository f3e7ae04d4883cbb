import Foundation
import KaiCore
import KaiTerminal
import MCP

/// Between kai's values and MCP's: schemas out, tool arguments in, and documents out with every
/// text from the cluster scrubbed of secrets and of control characters, as on the model's path.
enum MCPValue {
    /// `json` as an MCP value.
    static func from(_ json: JSON) -> Value {
        switch json {
        case .null: .null
        case .bool(let value): .bool(value)
        case .int(let value): .int(value)
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        case .array(let values): .array(values.map(from))
        case .object(let members): .object(members.mapValues(from))
        }
    }

    /// A tool argument as ``DraftBuilder`` reads it; shapes no argument takes are named for the error.
    static func argument(_ value: Value) -> ArgumentInput {
        switch value {
        case .string(let text): .text(text)
        case .bool(let flag): .boolean(flag)
        case .int(let number): .integer(number)
        case .double(let number): number == number.rounded() && abs(number) < 1e15 ? .integer(Int(number)) : .other(String(number))
        case .null: .other("null")
        case .data: .other("a data URL")
        case .array: .other("a list")
        case .object: .other("an object")
        }
    }

    /// `document` (one of the JSON documents `-o json` prints) as an MCP value, cleaned by ``clean(_:)``.
    static func document(_ document: some Encodable) -> Value {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The documents hold strings, numbers, bools and nested values of those: encoding and reading back cannot fail.
        guard let data = try? encoder.encode(document), let value = try? JSONDecoder().decode(JSON.self, from: data) else { return .object([:]) }
        return clean(from(value))
    }

    /// `value` with every string scrubbed of secrets (``Redactor``) and its control characters
    /// written out visibly (``TerminalText``): log lines and events are data, shown, never obeyed.
    static func clean(_ value: Value) -> Value {
        switch value {
        case .string(let text): .string(cleanText(text))
        case .array(let values): .array(values.map(clean))
        case .object(let members): .object(members.mapValues(clean))
        default: value
        }
    }

    /// `text` scrubbed of secrets, with control characters written out visibly.
    static func cleanText(_ text: String) -> String {
        TerminalText.visible(Redactor.scrub(text))
    }
}

import Foundation
import KaiCore

/// Reads text that is plainly a tool call in disguise, as small models behind local servers send it
/// when their server does not turn it into a real call:
///
/// - `functions.scale: {"target": "backend", "replicas": 3}` (llama.cpp's function-calling chat format),
/// - `<tool_call>{"name": "scale", "arguments": {…}}</tool_call>` (Qwen and Hermes chat templates),
/// - a bare JSON object naming a tool, `{"name": "scale", "arguments": {…}}` or
///   `{"tool": "scale", "parameters": {…}}`, or a list of them, possibly inside a ```json fence.
///
/// The calls it returns are as untrusted as real ones: they go through ``ToolCallReader``, the
/// resolver, policy and confirmation, and a name kai did not offer is refused there. Text that only
/// mentions a tool, in prose, is not a call.
public enum DisguisedToolCall {
    /// The calls `text` stands for, with ids `disguised_1`, `disguised_2`, …; nil when it is an answer.
    ///
    ///     DisguisedToolCall.calls(in: #"functions.scale: {"replicas": 3}"#)  // [scale {"replicas": 3}]
    public static func calls(in text: String) -> [ToolCall]? {
        let body = unfenced(text)
        guard let found = tagged(body) ?? prefixed(body) ?? bare(body), !found.isEmpty else { return nil }
        return found.enumerated().map { index, call in ToolCall(id: "disguised_\(index + 1)", name: call.name, arguments: call.arguments) }
    }

    private typealias Found = (name: String, arguments: String)

    /// `<tool_call>…</tool_call>` blocks, wherever they are in the text.
    private static func tagged(_ body: String) -> [Found]? {
        guard body.contains("<tool_call>") else { return nil }
        let blocks = body.components(separatedBy: "<tool_call>").dropFirst().map { block in
            unfenced(block.components(separatedBy: "</tool_call>")[0])
        }
        let found = blocks.compactMap { block in object(block).flatMap { named($0, needsArguments: false) } }
        return found.isEmpty ? nil : found
    }

    /// `functions.NAME: ARGUMENTS` at the start of the text, one call a line.
    private static func prefixed(_ body: String) -> [Found]? {
        let marker = "functions."
        guard body.hasPrefix(marker) else { return nil }
        var found: [Found] = []
        for segment in body.components(separatedBy: "\n" + marker) {
            let call = segment.hasPrefix(marker) ? String(segment.dropFirst(marker.count)) : segment
            guard let colon = call.firstIndex(of: ":") else { return nil }
            let name = String(call[..<colon]).trimmingCharacters(in: .whitespaces)
            guard isToolName(name) else { return nil }
            found.append((name, unfenced(String(call[call.index(after: colon)...]))))
        }
        return found
    }

    /// A whole text that is one JSON object naming a tool, or a list of them.
    private static func bare(_ body: String) -> [Found]? {
        guard body.hasPrefix("{") || body.hasPrefix("["),
              let value = try? JSONDecoder().decode(JSON.self, from: Data(body.utf8)) else { return nil }
        let objects = value.array ?? [value]
        let found = objects.compactMap { $0.object.flatMap { named($0, needsArguments: true) } }
        return found.count == objects.count ? found : nil
    }

    /// The tool an object names (`name`, `tool` or `function`, also OpenAI's nested `function`) and its
    /// arguments (`arguments`, `parameters`, `args` or `input`), as JSON text.
    private static func named(_ object: [String: JSON], needsArguments: Bool) -> Found? {
        if let nested = object["function"]?.object { return named(nested, needsArguments: needsArguments) }
        guard var name = object["name"]?.string ?? object["tool"]?.string ?? object["function"]?.string else { return nil }
        if name.hasPrefix("functions.") { name.removeFirst("functions.".count) }
        guard isToolName(name) else { return nil }
        let arguments = object["arguments"] ?? object["parameters"] ?? object["args"] ?? object["input"]
        if needsArguments, arguments == nil { return nil }
        switch arguments {
        case .string(let text): return (name, text)
        case nil, .null: return (name, "")
        case let value?:
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return (name, (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
    }

    private static func object(_ text: String) -> [String: JSON]? {
        (try? JSONDecoder().decode(JSON.self, from: Data(text.utf8)))?.object
    }

    /// A name as tools are named: letters, digits, `_` and `-`, at most 64 characters.
    private static func isToolName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
    }

    /// The text trimmed, without a Markdown code fence around all of it.
    private static func unfenced(_ text: String) -> String {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasPrefix("```"), body.hasSuffix("```"), body.count >= 6 else { return body }
        body = String(body.dropLast(3))
        if let newline = body.firstIndex(of: "\n") { body = String(body[body.index(after: newline)...]) } else { body = String(body.dropFirst(3)) }
        return body.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

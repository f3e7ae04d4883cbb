import Foundation
import KaiCore

/// The prompts kai sends a model: built into the binary from prompts/, or read from a folder
/// given with `--prompts` (a file it lacks keeps the built-in one).
public struct Prompts: Sendable, Hashable {
    /// How kai's interpreter behaves: its rules, with `{{namespace}}`, `{{maxRounds}}` and `{{tools}}` (the
    /// offered tools with their purposes) filled in; without `{{tools}}`, that list follows the rules.
    public let system: String
    /// How a diagnosis is explained.
    public let diagnose: String
    /// Requests and the tool calls that answer them, appended to the system prompt.
    public let examples: String

    /// The prompts built into kai.
    public static let builtIn = Prompts(system: BuiltInPrompts.system, diagnose: BuiltInPrompts.diagnose, examples: BuiltInPrompts.examples)

    /// The file names a prompts folder may hold.
    public static let fileNames = ["system.md", "diagnose.md", "examples.md"]

    public init(system: String, diagnose: String, examples: String) {
        self.system = system
        self.diagnose = diagnose
        self.examples = examples
    }

    /// The prompts in `folder`, the built-in ones for any file it lacks; the built-in ones when `folder` is nil.
    public static func load(folder: String?) throws(RequestError) -> Prompts {
        guard let folder else { return builtIn }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw RequestError(problem: "The prompts folder \(folder) does not exist.",
                               remedy: "Give --prompts a folder holding \(fileNames.joined(separator: ", ")), or leave it out for the built-in prompts.")
        }
        func read(_ name: String, _ fallback: String) throws(RequestError) -> String {
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) else { return fallback }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw RequestError(problem: "The prompt \(path) cannot be read or is empty.", remedy: "Fix it or remove it to use the built-in one.")
            }
            return text
        }
        return Prompts(system: try read("system.md", builtIn.system), diagnose: try read("diagnose.md", builtIn.diagnose),
                       examples: try read("examples.md", builtIn.examples))
    }

    /// The system prompt for a request in `namespace` allowing `maxRounds` rounds of reads and offering
    /// `tools` (named with their purposes, ``ToolCatalog/glossary(_:)``), with the examples.
    public func systemPrompt(namespace: String, maxRounds: Int, tools: [OperationName]) -> String {
        let glossary = ToolCatalog.glossary(tools)
        var rules = system.replacingOccurrences(of: "{{namespace}}", with: namespace)
            .replacingOccurrences(of: "{{maxRounds}}", with: String(maxRounds))
        if rules.contains("{{tools}}") {
            rules = rules.replacingOccurrences(of: "{{tools}}", with: glossary)
        } else {
            rules = rules.trimmingCharacters(in: .whitespacesAndNewlines) + "\n" + glossary
        }
        return rules.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n" + examples.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

import Foundation
import KaiCore
@testable import KaiInterpreter
import Testing

/// The model's tools come from the catalog's own parameter descriptions, its tool calls are read
/// back through the same checks as runbook steps, and the built-in prompts are prompts/ as it is.
@Suite("Model tools and prompts")
struct ModelToolsTests {
    @Test func everyOperationIsOfferedWithTheArgumentsItsReaderAccepts() throws {
        let tools = ToolCatalog.definitions()
        #expect(tools.map(\.name) == OperationName.allCases.map(\.rawValue))
        for operation in OperationName.allCases {
            let schema = ToolCatalog.schema(of: operation)
            let properties = try #require(schema["properties"]?.object)
            #expect(Set(properties.keys) == Set(operation.parameters.map(\.name) + ["namespace"]), "\(operation)")
            let required = schema["required"]?.array?.compactMap(\.string) ?? []
            #expect(required == operation.parameters.filter(\.required).map(\.name))
            // A call with exactly the required arguments, each with a valid example value, is accepted.
            var arguments: [String: JSON] = [:]
            for parameter in operation.parameters where parameter.required {
                arguments[parameter.name] = switch parameter.kind {
                case .target: "backend"
                case .integer(let range): .int(max(range.lowerBound, min(2, range.upperBound)))
                case .text(let example): .string(example)
                case .boolean: true
                case .choice(let words): .string(words[0])
                case .duration: "10m"
                }
            }
            // setResources needs one setting, any one: its schema cannot say "at least one of these".
            if operation == .setResources { arguments["memoryLimit"] = "512Mi" }
            let text = String(decoding: try JSONEncoder().encode(JSON.object(arguments)), as: UTF8.self)
            let draft = ToolCallReader.draft(ToolCall(id: "1", name: operation.rawValue, arguments: text), offered: OperationName.allCases)
            #expect((try? draft.get())?.operation == operation, "\(operation): \(draft)")
        }
    }

    @Test(arguments: [
        ("dropTables", "{}", "There is no tool \"dropTables\"."),
        ("scale", "{\"target\": \"backend\", ", "are not valid JSON"),
        ("scale", "[1, 2]", "must be a JSON object"),
        ("scale", "{\"target\": \"backend\"}", "scale needs replicas"),
        ("scale", "{\"target\": \"backend\", \"replicas\": \"three\"}", "replicas must be a whole number, not \"three\""),
        ("scale", "{\"target\": \"backend\", \"replicas\": 3, \"force\": true}", "scale has no argument \"force\""),
        ("logs", "{\"target\": \"backend\", \"tail\": 0}", "0 is not a number of log lines"),
        ("setImage", "{\"target\": \"backend\", \"image\": \"todo-backend\"}", "names no tag"),
        ("autoscale", "{\"target\": \"backend\", \"min\": 5, \"max\": 2}", "above its maximum"),
    ])
    func anUnusableToolCallSaysWhatIsWrong(name: String, arguments: String, problem: String) {
        let result = ToolCallReader.draft(ToolCall(id: "1", name: name, arguments: arguments), offered: OperationName.allCases)
        guard case .failure(let error) = result else {
            Issue.record("\(name) \(arguments) was accepted")
            return
        }
        #expect(error.problem.contains(problem), "\(error.problem)")
    }

    @Test func aToolTheOfferLeftOutIsRefused() {
        let result = ToolCallReader.draft(ToolCall(id: "1", name: "deletePod", arguments: "{\"target\": \"x\"}"), offered: [.list, .logs])
        guard case .failure(let error) = result else {
            Issue.record("deletePod was accepted")
            return
        }
        #expect(error.remedy.contains("list, logs"))
    }

    @Test func theBuiltInPromptsAreTheFilesInPrompts() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../prompts").standardizedFileURL
        for (name, text) in BuiltInPrompts.all {
            let file = try String(contentsOf: folder.appendingPathComponent("\(name).md"), encoding: .utf8)
            #expect(file.trimmingCharacters(in: .newlines) == text, "run scripts/dev/generate-prompts after editing prompts/\(name).md")
        }
    }

    @Test func aPromptsFolderOverridesWhatItHoldsAndKeepsTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kai-prompts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Be terse. Namespace {{namespace}}, {{maxRounds}} rounds.".write(to: folder.appendingPathComponent("system.md"), atomically: true, encoding: .utf8)
        let prompts = try Prompts.load(folder: folder.path)
        #expect(prompts.examples == Prompts.builtIn.examples)
        // A system prompt without {{tools}} is followed by the list of tools the request is offered.
        #expect(prompts.systemPrompt(namespace: "todo-chatbot", maxRounds: 2, tools: [.scale, .logs])
            .hasPrefix("Be terse. Namespace todo-chatbot, 2 rounds.\nTools: scale (replica count; 0 stops it), logs (log lines).\n\n"))
        #expect(throws: RequestError.self) { try Prompts.load(folder: "/nonexistent/prompts") }
    }
}

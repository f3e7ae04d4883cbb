import Foundation
import KaiCore
import KaiInterpreter
import KaiTestSupport
import MCP
import Testing

/// `kai mcp` driven by the MCP SDK's own client over stdio, as an editor drives it: the catalog as
/// tools, reads at once, strict arguments, `--read-only`, and changes only with the person's consent.
@Suite("kai mcp over stdio", .serialized)
struct MCPServerTests {
    @Test func toolsAreTheCatalogWithTheProvidersSchemasAndHonestHints() async throws {
        try await MCPSession.with(["--sandbox"], environment: [:]) { session in
            let tools = try await session.client.listTools().tools
            #expect(tools.map(\.name) == OperationName.allCases.map(\.rawValue) + ["plan"])
            for operation in OperationName.allCases {
                let tool = try #require(tools.first { $0.name == operation.rawValue })
                guard case .object(var schema) = tool.inputSchema else { Issue.record("\(operation) has no object schema"); continue }
                #expect(schema.removeValue(forKey: "additionalProperties") == .bool(false))
                #expect(Value.object(schema) == Self.value(ToolCatalog.schema(of: operation)), "\(operation)'s schema is not the providers' schema")
                #expect(tool.annotations.readOnlyHint == !operation.isChange)
            }
            let scale = try #require(tools.first { $0.name == "scale" })
            #expect(scale.annotations.destructiveHint == true)
            #expect(scale.annotations.idempotentHint == true)
            #expect(tools.first { $0.name == "restart" }?.annotations.destructiveHint == false)
            #expect(tools.first { $0.name == "restart" }?.annotations.idempotentHint == false)
            #expect(scale.inputSchema["properties", "replicas", "minimum"] == .int(0))
        }
    }

    @Test func aReadRunsAtOnceAndReturnsTheJSONDocumentOfDashOJSON() async throws {
        try await MCPSession.with(["--sandbox"], environment: [:]) { session in
            let result = try await session.call("list", ["kind": "deployments"])
            #expect(result.isError == false)
            #expect(result.structuredContent?["results", "0", "status"] == .string("succeeded"))
            #expect(result.structuredContent?["steps", "0", "op"] == .string("list"))
            #expect(result.structuredContent?["interpreter"] == .string("agent"))
            #expect(result.text.contains("todo-chatbot-backend"))
        }
    }

    @Test func badArgumentsAreToolErrorsSayingWhatWasWrongAndNothingRuns() async throws {
        try await TestCluster.with { cluster in
            try await MCPSession.with([], environment: cluster.environment) { session in
                let cases: [(String, [String: Value], String)] = [
                    ("exec", ["command": "rm -rf /"], "There is no tool \"exec\""),
                    ("scale", ["target": "frontend", "replicas": "three"], "replicas"),
                    ("scale", ["target": "frontend", "replicas": 100_000], "replicas"),
                    ("scale", ["target": "frontend", "replicas": 2, "force": true], "no argument \"force\""),
                    ("scale", ["replicas": 2], "needs target"),
                    ("scale", ["target": "nosuchthing", "replicas": 2], "nosuchthing"),
                ]
                for (name, arguments, expected) in cases {
                    let result = try await session.call(name, arguments)
                    #expect(result.isError == true, "\(name) \(arguments) was not refused")
                    #expect(result.text.contains(expected), "\(name) \(arguments): \(result.text)")
                }
                #expect(try await cluster.field("frontend") == "1")
                #expect(AuditLines(path: cluster.state.appendingPathComponent("kai/audit.jsonl").path).changes.isEmpty)
            }
        }
    }

    @Test func readOnlyOffersNoChangeToolsAndRefusesACallToOne() async throws {
        try await MCPSession.with(["--sandbox", "--read-only"], environment: [:]) { session in
            let names = try await session.client.listTools().tools.map(\.name)
            #expect(!names.contains("scale") && !names.contains("deletePod") && names.contains("logs") && names.contains("plan"))
            let result = try await session.call("scale", ["target": "backend", "replicas": 3])
            #expect(result.isError == true)
            #expect(result.text.contains("kai mcp is read-only here"))
        }
    }

    @Test func aChangeAcceptedThroughTheClientsFormRunsAndIsAuditedWithTheClientsName() async throws {
        try await TestCluster.with { cluster in
            let asked = Asked()
            try await MCPSession.with([], environment: cluster.environment, clientName: "editor-under-test", person: { request in
                await asked.add(request)
                return CreateElicitation.Result(action: .accept, content: ["confirm": true])
            }) { session in
                let result = try await session.call("scale", ["target": "frontend", "replicas": 2])
                #expect(result.isError == false, "\(result.text)")
                #expect(result.structuredContent?["results", "0", "status"] == .string("succeeded"))
            }
            #expect(try await cluster.field("frontend") == "2")
            let message = try #require(await asked.messages.first)
            #expect(message.contains("1. scale deployment todo-chatbot/todo-chatbot-frontend  replicas=2  [change]"))
            #expect(message.contains("undo: scale todo-chatbot-frontend replicas=1"))
            let change = try #require(AuditLines(path: cluster.state.appendingPathComponent("kai/audit.jsonl").path).changes.first)
            #expect(change["agent"] as? String == "editor-under-test 1.0")
        }
    }

    @Test func aChangeDeclinedThroughTheClientsFormChangesNothing() async throws {
        try await TestCluster.with { cluster in
            try await MCPSession.with([], environment: cluster.environment, person: { _ in CreateElicitation.Result(action: .decline) }) { session in
                let result = try await session.call("scale", ["target": "frontend", "replicas": 2])
                #expect(result.isError == true)
                #expect(result.text.contains("Declined: nothing was changed."))
            }
            #expect(try await cluster.field("frontend") == "1")
        }
    }

    @Test func aDisruptiveStepRunsOnlyWhenThePersonTypesTheTargetsName() async throws {
        try await TestCluster.with { cluster in
            let typed = Typed(["frontend", "todo-chatbot-frontend"])
            try await MCPSession.with([], environment: cluster.environment, person: { request in
                CreateElicitation.Result(action: .accept, content: ["name": .string(await typed.next())])
            }) { session in
                let wrong = try await session.call("scale", ["target": "frontend", "replicas": 0])
                #expect(wrong.isError == true)
                #expect(wrong.text.contains("did not match todo-chatbot-frontend"))
                #expect(try await cluster.field("frontend") == "1")
                let right = try await session.call("scale", ["target": "frontend", "replicas": 0])
                #expect(right.isError == false, "\(right.text)")
            }
            #expect(try await cluster.field("frontend") == "0")
        }
    }

    @Test func thePlanToolTurnsThePersonsWordsIntoACheckedPlanAndRunsNothing() async throws {
        try await TestCluster.with { cluster in
            try await MCPSession.with([], environment: cluster.environment) { session in
                let planned = try await session.call("plan", ["request": "scale the backend to 3 and restart the frontend"])
                #expect(planned.isError == false, "\(planned.text)")
                #expect(planned.structuredContent?["steps", "0", "op"] == .string("scale"))
                #expect(planned.structuredContent?["steps", "0", "args", "replicas"] == .int(3))
                #expect(planned.structuredContent?["steps", "1", "op"] == .string("restart"))
                #expect(planned.text.contains("This is a plan; nothing was run."))
                let refused = try await session.call("plan", ["request": "kubectl delete namespace todo-chatbot"])
                #expect(refused.isError == true)
                #expect(refused.structuredContent?["refusal", "reason"] != nil)
                let missing = try await session.call("plan", ["words": "scale backend"])
                #expect(missing.isError == true)
                #expect(missing.text.contains("no argument \"words\""))
                let long = try await session.call("plan", ["request": .string(String(repeating: "scale backend to 3 ", count: 200))])
                #expect(long.isError == true)
                #expect(long.text.contains("plan takes at most 2000"))
            }
            #expect(try await cluster.field("backend") == "2")
        }
    }

    @Test func clusterTextReachesTheAgentScrubbedOfSecretsAndControlCharacters() async throws {
        let line = "backend=connecting with password=hunter22 \u{1B}]0;owned\u{07} DATABASE_URL=postgres://app:s3cret@db/todo"
        try await MCPSession.with(["--sandbox", "--log-line", line], environment: [:]) { session in
            let result = try await session.call("logs", ["target": "backend", "tail": 20])
            #expect(result.isError == false, "\(result.text)")
            let everything = result.text + "\(result.structuredContent ?? .null)"
            #expect(everything.contains("connecting with password=[redacted]"))
            #expect(!everything.contains("hunter22") && !everything.contains("s3cret"))
            #expect(!everything.contains("\u{1B}") && !everything.contains("\u{07}"))
        }
    }

    @Test func unattendedYesRunsChangesButStillNotDisruptiveOnesWithoutAllowDisruptive() async throws {
        try await TestCluster.with { cluster in
            try await MCPSession.with(["--yes"], environment: cluster.environment) { session in
                #expect(session.instructions?.contains("Started with --yes") == true)
                let change = try await session.call("scale", ["target": "frontend", "replicas": 2])
                #expect(change.isError == false, "\(change.text)")
                let disruptive = try await session.call("scale", ["target": "frontend", "replicas": 0])
                #expect(disruptive.text.contains("Waiting for the person: nothing has run."))
            }
            #expect(try await cluster.field("frontend") == "2")
        }
    }

    @Test func resourcesGiveTheSummaryTheLastDiagnosisAndTheAuditHistory() async throws {
        try await MCPSession.with(["--sandbox", "--fault", "backend=crashloop"], environment: [:]) { session in
            let uris = try await session.client.listResources().resources.map(\.uri)
            #expect(uris == ["kai://cluster/summary", "kai://diagnosis/last", "kai://audit/recent"])
            let summary = try await session.client.readResource(uri: "kai://cluster/summary")
            #expect(summary.first?.text?.contains("todo-chatbot-backend") == true)
            #expect(try await session.client.readResource(uri: "kai://diagnosis/last").first?.text?.contains("No diagnosis has run") == true)
            _ = try await session.call("diagnose", ["target": "backend"])
            let diagnosis = try await session.client.readResource(uri: "kai://diagnosis/last").first?.text ?? ""
            #expect(diagnosis.contains("\"findings\""))
            #expect(diagnosis.contains("CrashLoopBackOff"))
            #expect(try await session.client.readResource(uri: "kai://audit/recent").first?.text?.contains("\"changes\"") == true)
            await #expect(throws: MCPError.self) { _ = try await session.client.readResource(uri: "file:///etc/passwd") }
        }
    }

    @Test func promptsTellTheAgentWhichOfKaisToolsToCall() async throws {
        try await MCPSession.with(["--sandbox"], environment: [:]) { session in
            #expect(try await session.client.listPrompts().prompts.map(\.name) == ["diagnose", "scale", "rollback"])
            let scale = try await session.client.getPrompt(name: "scale", arguments: ["target": "backend", "replicas": "3"])
            guard case .text(let text) = scale.messages.first?.content else { Issue.record("no text"); return }
            #expect(text.contains("Call kai's scale tool with target \"backend\" and replicas 3"))
            await #expect(throws: MCPError.self) { _ = try await session.client.getPrompt(name: "rollback", arguments: [:]) }
        }
    }

    @Test func callsBeyondTheBoundAreRefusedUntilOneFinishes() async throws {
        try await TestCluster.with(faults: ["backend": .crashloop]) { cluster in
            try await MCPSession.with(["--max-calls", "1", "--yes", "--rollout-timeout", "10"], environment: cluster.environment) { session in
                // The restart's rollout never completes (its new pods crash): the call follows it until the timeout.
                let first = Task { try await session.call("restart", ["target": "backend"]) }
                try await cluster.wait(for: "the restart to be sent") {
                    await cluster.tally.requests.keys.contains { $0.hasPrefix("PATCH") && $0.contains("deployments/todo-chatbot-backend") }
                }
                let second = try await session.call("list", ["kind": "pods"])
                #expect(second.isError == true)
                #expect(second.text.contains("already running 1 tool calls"))
                _ = try await first.value
                #expect(try await session.call("list", ["kind": "pods"]).isError == false)
            }
        }
    }

    static func value(_ json: JSON) -> Value {
        switch json {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let values): .array(values.map(value))
        case .object(let members): .object(members.mapValues(value))
        }
    }
}

/// The forms a client was asked to show.
actor Asked {
    private(set) var messages: [String] = []
    func add(_ request: CreateElicitation.Parameters) {
        if case .form(let form) = request { messages.append(form.message) }
    }
}

/// What the person types into successive forms.
actor Typed {
    private var answers: [String]
    init(_ answers: [String]) { self.answers = answers }
    func next() -> String { answers.isEmpty ? "" : answers.removeFirst() }
}

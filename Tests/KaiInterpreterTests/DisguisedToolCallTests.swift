import Foundation
import KaiCore
import KaiInterpreter
import Testing

/// Text a small model sends instead of a tool call is read as that call; prose is not.
@Suite("Tool calls in disguise")
struct DisguisedToolCallTests {
    func call(_ text: String) -> [String] {
        (DisguisedToolCall.calls(in: text) ?? []).map { "\($0.name) \($0.arguments)" }
    }

    @Test func llamaCppFunctionsPrefixIsACall() {
        #expect(call(#"functions.scale: {"target": "backend", "replicas": 3}"#) == [#"scale {"target": "backend", "replicas": 3}"#])
        #expect(call("functions.scale:") == ["scale "])
        #expect(call("functions.events: {}\nfunctions.describe: {\"target\": \"api\"}") == ["events {}", #"describe {"target": "api"}"#])
    }

    @Test func qwenToolCallTagsAreCalls() {
        let text = #"<tool_call>{"name": "scale", "arguments": {"target": "backend", "replicas": 3}}</tool_call>"#
        #expect(call(text) == [#"scale {"replicas":3,"target":"backend"}"#])
        #expect(call("Sure.\n<tool_call>\n{\"name\": \"functions.restart\", \"arguments\": {\"target\": \"web\"}}\n</tool_call>") == [#"restart {"target":"web"}"#])
    }

    @Test func aBareOrFencedJSONObjectNamingAToolIsACall() {
        #expect(call(#"{"name": "scale", "arguments": {"replicas": 3}}"#) == [#"scale {"replicas":3}"#])
        #expect(call(#"{"tool": "scale", "parameters": {"replicas": 3}}"#) == [#"scale {"replicas":3}"#])
        #expect(call(#"{"name": "scale", "arguments": "{\"replicas\": 3}"}"#) == [#"scale {"replicas": 3}"#])
        #expect(call("```json\n{\"name\": \"scale\", \"arguments\": {\"replicas\": 3}}\n```") == [#"scale {"replicas":3}"#])
        #expect(call(#"[{"name": "events", "arguments": {}}, {"name": "status", "arguments": {}}]"#) == ["events {}", "status {}"])
    }

    @Test(arguments: ["You could scale the backend to 3 replicas.", "Use functions.scale: it sets replicas.",
                      #"The deployment is {"name": "backend", "replicas": 3}."#, #"{"name": "backend", "replicas": 3}"#,
                      #"{"name": "scale the backend", "arguments": {}}"#, "```\nkubectl scale deploy backend\n```", ""])
    func textThatIsNotPlainlyACallStaysText(text: String) {
        #expect(DisguisedToolCall.calls(in: text) == nil)
    }

    @Test func disguisedCallsHaveTheirOwnIDs() throws {
        let calls = try #require(DisguisedToolCall.calls(in: "functions.events: {}\nfunctions.status:"))
        #expect(calls.map(\.id) == ["disguised_1", "disguised_2"])
    }
}

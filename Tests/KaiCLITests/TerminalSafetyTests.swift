import Foundation
import KaiTestSupport
import Testing

/// Control sequences from a hostile cluster or model never reach the terminal as such: log lines,
/// event messages, a model's answer and a provider's error body carrying ESC sequences (clear
/// screen, OSC 0 title, OSC 52 clipboard, OSC 8 link), BEL and carriage returns are shown as text,
/// tabs and newlines stay, and `-o json` keeps escaping them.
@Suite("Terminal safety, through the binary", .serialized)
struct TerminalSafetyTests {
    /// One line of each kind of attack, and how each is shown instead.
    static let hostile = "clear\u{1B}[2J\u{1B}[H title\u{1B}]0;pwned\u{07} clip\u{1B}]52;c;cm0gLXJmIH4=\u{07} "
        + "link\u{1B}]8;;http://evil.example\u{1B}\\here\u{1B}]8;;\u{1B}\\ csi\u{9B}31m over\rwritten\ttabbed"
    static let shown = #"clear\e[2J\e[H title\e]0;pwned\a clip\e]52;c;cm0gLXJmIH4=\a link\e]8;;http://evil.example\e\here\e]8;;\e\ csi\u{9b}31m over\rwritten"#

    /// Whether `text` carries any raw control character other than tab and newline.
    static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func hostileLogLinesAndEventsAreShownAsText() async throws {
        try await TestCluster.with(logLines: ["backend": [Self.hostile]]) { cluster in
            try await cluster.addWarningEvent("hostile.1", about: ("Deployment", "todo-chatbot-backend"), reason: "Hostile",
                                              message: #"event\x1b[2J\x1b]0;pwned\x07 bell\x07 back\rhere"#)
            let logs = try await cluster.kai(["logs of backend"])
            #expect(logs.status == 0, "\(logs.stderr)")
            #expect(!Self.hasControls(logs.stdout), "\(logs.stdout.debugDescription)")
            #expect(logs.stdout.contains(Self.shown + "\ttabbed\n"))
            let events = try await cluster.kai(["events for backend"])
            #expect(events.status == 0, "\(events.stderr)")
            #expect(!Self.hasControls(events.stdout))
            #expect(events.stdout.contains(#"event\e[2J\e]0;pwned\a bell\a back\rhere"#), "\(events.stdout)")
            let json = try await cluster.kai(["logs of backend", "-o", "json"])
            #expect(json.status == 0)
            #expect(json.stdout.contains(#"clear\u001b[2J\u001b[H title\u001b]0;pwned\u0007"#), "\(json.stdout)")
        }
    }

    @Test func theREPLWithColourOnShowsHostileLogLinesAsText() async throws {
        try await TestCluster.with(logLines: ["backend": [Self.hostile]]) { cluster in
            let environment = cluster.environment.merging(["XDG_CONFIG_HOME": cluster.state.deletingLastPathComponent().path, "TERM": "xterm", "NO_COLOR": ""]) { $1 }
            let shown = try await TerminalSession.run(environment, steps: [.keys("logs of backend\r"), .until(Self.shown), .until(REPLTests.prompt),
                                                                           .keys("/exit\r")]).stdout
            #expect(shown.contains(Self.shown), "\(shown.debugDescription)")
            for raw in ["\u{1B}[2J", "\u{1B}]0;", "\u{1B}]52;", "\u{1B}]8;", "\u{07}", "\u{9B}"] {
                #expect(!shown.contains(raw), "\(raw.debugDescription) reached the terminal")
            }
        }
    }

    @Test func aModelsAnswerAndAProvidersErrorBodyAreShownAsText() async throws {
        let answer = ModelServer.Reply.events([
            (nil, Documented.openAIChunk(#"{"content":"fine\u001b[2J\u001b]52;c;cm0gLXJm\u0007"}"#)),
            (nil, Documented.openAIChunk(#"{"content":"\u001b]0;owned\u0007 done\rover"}"#, finish: "stop")), (nil, "[DONE]"),
        ])
        let failing = ModelServer.Reply.json(#"{"error":{"message":"bad \u001b[2Jrequest\u001b]0;t\u0007"}}"#, status: 400)
        try await ModelServer.with([answer, failing]) { url, _ in
            let flags = ["--provider", "openai", "--base-url", url.appendingPathComponent("v1").absoluteString, "--interpreter", "model"]
            let environment = ["OPENAI_API_KEY": "sk-test-0123456789abcdef"]
            let answered = try await KaiProcess.plan(flags + ["how is it going"], environment: environment)
            #expect(answered.status == 0, "\(answered.stderr)")
            #expect(!Self.hasControls(answered.stdout + answered.stderr), "\(answered.stdout.debugDescription)")
            #expect(answered.stdout.contains(#"fine\e[2J\e]52;c;cm0gLXJm\a\e]0;owned\a done\rover"#), "\(answered.stdout)")
            let failed = try await KaiProcess.plan(flags + ["how is it going"], environment: environment)
            #expect(failed.status == 6)
            #expect(!Self.hasControls(failed.stderr), "\(failed.stderr.debugDescription)")
            #expect(failed.stderr.contains(#"\e[2J"#), "\(failed.stderr)")
        }
    }
}

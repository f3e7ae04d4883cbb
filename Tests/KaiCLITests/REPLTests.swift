import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// The REPL on a pseudo-terminal (util-linux `script`), typed into as a person would, each key
/// typed once what a person waits for is shown: requests with their plan, confirmation and
/// result, slash commands, history across sessions, tab completion and Ctrl-C.
@Suite("kai REPL at a terminal", .serialized)
struct REPLTests {
    static let prompt = "kai (kai-sandbox/todo-chatbot)>"

    /// Runs `body` with a sandbox (with `faults`) and the environment of a private kai home; colour
    /// is off (`NO_COLOR`) unless `colour`, so that the text can be compared as it is.
    func withCluster<T: Sendable>(faults: [String: Fault] = [:], colour: Bool = false,
                                  _ body: (_ environment: [String: String], _ state: URL) async throws -> T) async throws -> T {
        try await TestCluster.with(faults: faults) { cluster in
            let home = cluster.state.deletingLastPathComponent()
            let environment = cluster.environment.merging(["XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "TERM": "xterm",
                                                           "NO_COLOR": colour ? "" : "1"]) { $1 }
            return try await body(environment, cluster.state)
        }
    }

    /// Starts the REPL (`kai arguments…`) on a pseudo-terminal, performs `steps` and returns all it showed.
    func session(_ environment: [String: String], arguments: [String] = [], typing steps: [TerminalSession.Step]) async throws -> ChildProcess.Result {
        try await TerminalSession.run(environment, arguments: arguments, steps: steps)
    }

    @Test func aRequestShowsItsPlanAsksAndReports() async throws {
        try await withCluster { environment, _ in
            let shown = try await session(environment, typing: [
                .keys("scale frontend to 2\r"), .until("Make this change? [y/N]"), .keys("y\r"), .until("rolled out: 2 of 2"), .until(Self.prompt),
                .keys("/history\r"), .until(Self.prompt), .keys("/read-only on\r"), .until("[read-only]>"),
                .keys("restart frontend\r"), .until("kai is read-only here"), .until("[read-only]>"),
                .keys("/exit\r"),
            ]).stdout
            #expect(shown.contains(Self.prompt))
            #expect(shown.contains("1. scale deployment todo-chatbot/todo-chatbot-frontend  replicas=2  [change]"))
            #expect(shown.contains("Make this change? [y/N]"))
            #expect(shown.contains("rolled out: 2 of 2 replicas available"))
            #expect(shown.contains("scale todo-chatbot-frontend  replicas 1 -> replicas 2  applied, rollout complete"))
            #expect(shown.contains("kai (kai-sandbox/todo-chatbot) [read-only]>"))
            #expect(shown.contains("kai is read-only here"))
        }
    }

    @Test func aSessionStartedWithYesSaysSoAndStillAsksForTheNameOfADisruptiveStep() async throws {
        try await withCluster { environment, _ in
            let shown = try await session(environment, arguments: ["--yes"], typing: [
                .keys("roll back the backend\r"), .until("Type todo-chatbot-backend to confirm:"), .keys("backend\r"),
                .until("nothing was changed."), .until("[--yes]>"), .keys("/exit\r"),
            ]).stdout
            #expect(shown.contains("--yes: changes in this session run without asking; disruptive steps still ask for the target's name."))
            #expect(shown.contains("kai (kai-sandbox/todo-chatbot) [--yes]>"))
            #expect(shown.contains("Type todo-chatbot-backend to confirm:"))
            #expect(shown.contains("The name typed did not match todo-chatbot-backend: nothing was changed."))
        }
    }

    @Test func historyIsKeptAcrossSessionsAndRecalledWithTheUpArrow() async throws {
        try await withCluster { environment, state in
            _ = try await session(environment, typing: [.keys("list deployments\r"), .until("todo-chatbot-postgres"), .until(Self.prompt),
                                                        .keys("\u{04}")])
            let history = try String(contentsOf: state.appendingPathComponent("kai/history"), encoding: .utf8)
            #expect(history.contains("list\\040deployments"))
            let shown = try await session(environment, typing: [.keys("\u{1B}[A"), .until("list deployments"), .keys("\r"),
                                                                .until("todo-chatbot-postgres"), .until(Self.prompt), .keys("/exit\r")]).stdout
            #expect(shown.contains("todo-chatbot-postgres"))
        }
    }

    @Test func tabCompletesADeploymentName() async throws {
        try await withCluster { environment, _ in
            // Completion writes only the rest of the name, after moving the cursor.
            let shown = try await session(environment, typing: [.keys("describe todo-chatbot-fr\t"), .until("ontend"), .keys("\r"),
                                                                .until("Events:"), .until(Self.prompt), .keys("/exit\r")]).stdout
            #expect(shown.contains("Name:          todo-chatbot-frontend"))
        }
    }

    @Test func aSuggestedFixIsAcceptedWithSlashFixAndConfirmedLikeAnyChange() async throws {
        try await withCluster(faults: ["backend": .missingSecret]) { environment, state in
            let shown = try await session(environment, arguments: ["--no-wait"], typing: [
                .keys("/fix 1\r"), .until("No fixes to choose from"), .until(Self.prompt),
                .keys("why is the backend failing\r"), .until("1. CreateContainerConfigError"), .until(Self.prompt),
                .keys("/fix 1\r"), .until("Make this change? [y/N]"), .keys("y\r"), .until(Self.prompt), .keys("/exit\r"),
            ]).stdout
            #expect(shown.contains("No fixes to choose from"))
            #expect(shown.contains("1. CreateContainerConfigError: deployment todo-chatbot-backend"))
            #expect(shown.contains("fix 1: restart deployment todo-chatbot/todo-chatbot-backend [change]"))
            #expect(shown.contains("Plan for \"restart todo-chatbot-backend\" (local grammar):"))
            #expect(shown.contains("Make this change? [y/N]"))
            let audit = try String(contentsOf: state.appendingPathComponent("kai/audit.jsonl"), encoding: .utf8)
            #expect(audit.contains(#""op":"restart""#) && audit.contains(#""request":"restart todo-chatbot-backend""#))
        }
    }

    @Test func theOOMFixIsSetResourcesTakenWithSlashFixAndTheTargetsNameTyped() async throws {
        try await withCluster(faults: ["backend": .oom]) { environment, state in
            let shown = try await session(environment, arguments: ["--no-wait"], typing: [
                .keys("why is the backend failing\r"), .until("fix 1: setResources"), .until(Self.prompt),
                .keys("/fix 1\r"), .until("Type todo-chatbot-backend to confirm:"), .keys("todo-chatbot-backend\r"), .until(Self.prompt),
                .keys("/exit\r"),
            ]).stdout
            #expect(shown.contains("fix 1: setResources deployment todo-chatbot/todo-chatbot-backend [disruptive]"), "\(shown)")
            #expect(shown.contains("Plan for \"set todo-chatbot-backend container backend memory limit to 768Mi\" (local grammar):"), "\(shown)")
            let audit = try String(contentsOf: state.appendingPathComponent("kai/audit.jsonl"), encoding: .utf8)
            #expect(audit.contains(#""op":"setResources""#) && audit.contains(#""memoryLimit":"768Mi""#), "\(audit)")
        }
    }

    @Test func ctrlCDuringALongRolloutWatchReturnsToThePrompt() async throws {
        try await withCluster(faults: ["frontend": .pending]) { environment, state in
            let shown = try await session(environment, typing: [
                .keys("restart frontend\r"), .until("Make this change? [y/N]"), .keys("y\r"), .until("Waiting for deployment todo-chatbot-frontend"),
                .keys("\u{03}"), .until("Interrupted: back at the prompt."), .until(Self.prompt),
                .keys("/context\r"), .until("context kai-sandbox"), .until(Self.prompt), .keys("/exit\r"),
            ]).stdout
            #expect(shown.contains("Waiting for deployment todo-chatbot-frontend"))
            #expect(shown.contains("Interrupted: back at the prompt."))
            #expect(shown.contains("context kai-sandbox, cluster kai-sandbox"))
            let audit = try String(contentsOf: state.appendingPathComponent("kai/audit.jsonl"), encoding: .utf8)
            #expect(audit.contains(#""outcome":"appliedNotFollowed""#))
        }
    }

    @Test func aTerminalShowsColourAndALiveRolloutLineUnlessNoColorIsSet() async throws {
        try await withCluster(colour: true) { environment, _ in
            let shown = try await session(environment, typing: [
                .keys("scale frontend to 3\r"), .until("Make this change? [y/N]"), .keys("y\r"), .until("rolled out: 3 of 3"),
                .until(Self.prompt), .keys("/exit\r"),
            ]).stdout
            #expect(shown.contains("replicas=3  \u{1B}[33m[change]\u{1B}[0m"))
            #expect(shown.contains("\u{1B}[32mDeployment todo-chatbot-frontend rolled out: 3 of 3 replicas available.\u{1B}[0m"))
            // The live line: a spinner frame, the newest revision's ready count, then the line is cleared.
            #expect(shown.contains("Waiting for deployment todo-chatbot-frontend: 1/3 ready — "))
            #expect(shown.contains("\r\u{1B}[2K"))
        }
        try await withCluster { environment, _ in
            let shown = try await session(environment, typing: [.keys("scale frontend to 2\r"), .until("Make this change? [y/N]"), .keys("n\r"),
                                                                .until(Self.prompt), .keys("/exit\r")]).stdout
            #expect(shown.contains("replicas=2  [change]"))
            #expect(!shown.contains("\u{1B}[3"))
        }
    }

    @Test func ctrlCDuringAModelCallReturnsToThePrompt() async throws {
        // Slow enough to be interrupted; the server answers it after the test, before it stops.
        var slow = Documented.openAIText
        slow.delay = .seconds(8)
        try await ModelServer.with([slow]) { url, server in
            try await withCluster { environment, _ in
                let model = ["KAI_PROVIDER": "openai", "OPENAI_BASE_URL": url.appendingPathComponent("v1").absoluteString,
                             "OPENAI_API_KEY": "sk-test-0123456789abcdef", "KAI_INTERPRETER": "model"]
                let shown = try await session(environment.merging(model) { $1 }, typing: [
                    .keys("how are things\r"), .when { await server.received.count == 1 }, .keys("\u{03}"),
                    .until("Interrupted: back at the prompt."), .until(Self.prompt), .keys("/model\r"), .until("Interpreter model:"),
                    .until(Self.prompt), .keys("/exit\r"),
                ]).stdout
                #expect(shown.contains("Interrupted: back at the prompt."))
                #expect(shown.contains("Interpreter model: every request goes to openai model gpt-4o-mini at \(url.absoluteString)/v1 (API key from $OPENAI_API_KEY)."))
                #expect(await server.received.count == 1)
            }
        }
    }

    /// The environment that points the REPL at a scripted model server for every request.
    func model(_ url: URL) -> [String: String] {
        ["KAI_PROVIDER": "openai", "OPENAI_BASE_URL": url.appendingPathComponent("v1").absoluteString,
         "OPENAI_API_KEY": "sk-test-0123456789abcdef", "KAI_INTERPRETER": "model"]
    }

    @Test func aChangeSuggestedForAQuestionRunsOnlyWhenTheNameIsTyped() async throws {
        let replies = [Documented.openAIToolCall("describe", #"{"target":"backend"}"#), Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)]
        try await ModelServer.with(replies + replies) { url, _ in
            try await withCluster { environment, _ in
                let shown = try await session(environment.merging(model(url)) { $1 }, arguments: ["--yes"], typing: [
                    .keys("why is the api slow?\r"), .until("Type todo-chatbot-backend to confirm:"), .keys("no\r"), .until("Not run: the model suggested"),
                    .until("[--yes]>"), .keys("why is the api slow?\r"), .until("Type todo-chatbot-backend to confirm:"),
                    .keys("todo-chatbot-backend\r"), .until("Recorded 1 change"), .until("[--yes]>"), .keys("/exit\r"),
                ]).stdout
                #expect(shown.contains("Suggested by the model, not planned"))
                #expect(shown.contains("Type todo-chatbot-backend to confirm:"))
                #expect(shown.contains("Not run: the model suggested scale todo-chatbot-backend replicas=3"))
                #expect(shown.contains("Suggested, not asked for: Scale deployment todo-chatbot-backend from 2 to 3 replicas"))
                #expect(shown.contains("2. scale todo-chatbot-backend: replicas 2 -> 3"))
            }
        }
    }

    @Test func aChangeOnWhatTheRequestDidNotNameAsksForTheNameEvenWithYes() async throws {
        try await ModelServer.with([Documented.openAIToolCall("scale", #"{"target":"backend","replicas":3}"#)]) { url, _ in
            try await withCluster { environment, _ in
                let shown = try await session(environment.merging(model(url)) { $1 }, arguments: ["--yes"], typing: [
                    .keys("scale the payments service to 3\r"), .until("Type todo-chatbot-backend to confirm:"), .keys("payments\r"),
                    .until("nothing was changed."), .until("[--yes]>"), .keys("/exit\r"),
                ]).stdout
                #expect(shown.contains("the request names \"payments\", which does not exist; the model proposed scale on deployment todo-chatbot-backend"))
                #expect(shown.contains("Not what the request named: Scale deployment todo-chatbot-backend from 2 to 3 replicas"))
                #expect(shown.contains("Type todo-chatbot-backend to confirm:"))
                #expect(shown.contains("The name typed did not match todo-chatbot-backend: nothing was changed."))
            }
        }
    }
}

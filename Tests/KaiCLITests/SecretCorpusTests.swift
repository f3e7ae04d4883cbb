import Foundation
import KaiTestSupport
import Testing

/// A generated corpus of secret-bearing lines, put where a model reads cluster text (log lines it
/// asks for, warning events in the first request, a diagnosis's evidence): the scripted provider
/// receives every line, and not one secret. Pasted into the request, the lines are refused by the
/// catalog (kai never reads or shows secrets) before any model is asked.
@Suite("Secrets never reach the model, through the binary", .serialized)
struct SecretCorpusTests {
    /// The flags that point kai at the scripted OpenAI-compatible server.
    func openAI(_ url: URL, interpreter: String = "model") -> (flags: [String], environment: [String: String]) {
        (["--provider", "openai", "--base-url", url.appendingPathComponent("v1").absoluteString, "--interpreter", interpreter],
         ["OPENAI_API_KEY": "sk-test-0123456789abcdef"])
    }

    @Test func noSecretFromAGeneratedCorpusReachesTheProvider() async throws {
        let corpus = SecretCorpus.lines(count: 105)
        #expect(corpus.count >= 100)
        // A third in each component's logs, so that no read is clipped to its limit (6,000 characters, the tail kept).
        let third = corpus.count / 3
        let logs = ["backend": corpus[..<third].map(\.line), "frontend": corpus[third..<2 * third].map(\.line), "postgres": corpus[(2 * third)...].map(\.line)]
        try await TestCluster.with { cluster in
            try await cluster.addWarningEvent("leaked.1", about: ("Pod", "todo-chatbot-backend-x"), reason: "BackOff",
                                              message: "\(corpus[0].line) \(corpus[third].line)")
            var reads = Documented.openAIToolCalls(["backend", "frontend", "postgres"].map { ("logs", #"{"target":"\#($0)","tail":200}"#) })
            // The lines are written while kai waits for this reply, so that they are the logs' latest lines when it reads
            // them, however slowly it started (a container logs a line every ten seconds).
            reads.delay = .seconds(5)
            try await ModelServer.with([reads, Documented.openAIText]) { url, server in
                let model = openAI(url)
                let writer = Task {
                    while await server.received.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
                    for (component, lines) in logs { await cluster.logBook.append(lines, to: component) }
                }
                let result = try await cluster.kai(model.flags + ["what do the api, web and db logs say?"], environment: model.environment)
                try await writer.value
                #expect(result.status == 0, "\(result.stderr)")
                let pasted = "what do these mean?\n" + corpus.map(\.line).joined(separator: "\n")
                let refused = try await cluster.kai(model.flags + [pasted], environment: model.environment)
                #expect(refused.status == 4, "\(refused.stderr)")
                let received = await server.received
                #expect(received.count == 2)
                let sent = received.map(\.body).joined(separator: "\n")
                let summarised = sent.contains("BackOff")
                #expect(summarised)
                let answers = received.last?.body ?? ""
                for entry in corpus {
                    let arrivals = answers.components(separatedBy: entry.tag).count - 1
                    #expect(arrivals >= 1, "\(entry.tag) is not in a log read")
                    for part in entry.parts {
                        let leaked = sent.contains(part)
                        #expect(!leaked, "\(entry.line) reached the provider")
                    }
                }
            }
        }
    }

    @Test func noSecretFromTheCorpusReachesTheDiagnosisExplanation() async throws {
        let corpus = SecretCorpus.lines(count: 40)
        let explanation = Reply.events([(nil, Documented.openAIChunk(#"{"content":"It crash-loops."}"#, finish: "stop")), (nil, "[DONE]")])
        try await TestCluster.with(faults: ["backend": .crashloop], logLines: ["backend": corpus.map(\.line)]) { cluster in
            try await ModelServer.with([explanation]) { url, server in
                let model = openAI(url, interpreter: "auto")
                let result = try await cluster.kai(model.flags + ["why is the backend failing"], environment: model.environment)
                #expect(result.status == 0, "\(result.stderr)")
                let sent = await server.received.map(\.body).joined(separator: "\n")
                let arrived = sent.contains("corpus-line-")
                #expect(arrived, "no corpus line was in the evidence")
                for entry in corpus {
                    for part in entry.parts {
                        let leaked = sent.contains(part)
                        #expect(!leaked, "\(entry.line) reached the provider")
                    }
                }
            }
        }
    }

    typealias Reply = ModelServer.Reply
}

/// Lines as services log them, each with a secret of its own in one of the forms kai must
/// recognise, and a tag that is not secret so a test can see the line arrived.
enum SecretCorpus {
    struct Entry {
        let tag: String
        let line: String
        /// The secret's first and last characters: neither may appear anywhere in what was sent.
        let parts: [String]
    }

    static let templates: [@Sendable (String) -> String] = [
        { "redis connection failed: redis://:\($0)@redis:6379/0" },
        { "connecting to postgresql://todo:\($0)@postgres:5432/todo" },
        { "exec: backup --password \($0) --host db" },
        { "starting worker --token \($0)" },
        { "starting worker --secret \($0) --verbose" },
        { "starting worker --password=\($0)" },
        { "cron: --db-password '\($0)' --schema public" },
        { "running: mysql -h db -u root -p\($0) todo" },
        { "running: psql -h postgres -U todo -p \($0) todo" },
        { "running: redis-cli -h redis -a \($0) ping" },
        { "alert sent to https://hooks.slack.com/services/T0123/B0456/\($0)" },
        { "posting to https://discord.com/api/webhooks/1234567890/\($0)" },
        { "download https://b.s3.amazonaws.com/k.sql?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=\($0)&X-Amz-Date=20240101T000000Z" },
        { "download https://b.s3.amazonaws.com/k.sql?X-Amz-Date=20240101T000000Z&X-Amz-Signature=\($0)" },
        { "fetch https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=\($0)" },
        { "upload https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2025-01-01&sig=\($0)" },
        { "GET /callback?state=password%3D\($0)%26user%3Dadmin" },
        { "note: the admin password is \($0)" },
        { "config token: \($0)" },
        { "env DATABASE_URL=\($0)" },
        { "env REDIS_URL: \($0)" },
        { #"{"MONGODB_URI": "\#($0)"}"# },
        { "Authorization: Bearer \($0)" },
        { "loaded api_key=\($0)" },
        { #"{"db_password": "\#($0)"}"# },
        { "export SECRET_KEY=\($0)" },
    ]

    /// `count` lines, cycling through the forms, each secret different: `Qv7kX<n>pLm9Zw`.
    static func lines(count: Int) -> [Entry] {
        (0..<count).map { index in
            let secret = "Qv7kX\(index)pLm9Zw"
            let tag = "corpus-line-\(index):"
            return Entry(tag: tag, line: "\(tag) " + templates[index % templates.count](secret), parts: ["Qv7kX", "pLm9Zw"])
        }
    }
}

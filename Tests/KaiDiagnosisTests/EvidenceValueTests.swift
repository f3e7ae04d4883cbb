import Foundation
@testable import KaiDiagnosis
import KaiKube
import Testing

/// What the evidence keeps and how much reading it plans: Secrets as key names only, and a
/// bounded number of log reads whatever the number of pods.
@Suite struct EvidenceValueTests {
    @Test func aSecretIsDecodedIntoItsKeyNamesOnly() throws {
        let secret = #"{"metadata": {"name": "todo-chatbot-secrets"}, "type": "Opaque", "data": {"DATABASE_URL": "cG9zdGdyZXNxbDovL3RvZG86aHVudGVyMkBkYi90b2Rv"}, "stringData": {"API_KEY": "sk-live-123"}}"#
        let keys = try JSONDecoder().decode(KeyNames.self, from: Data(secret.utf8))
        #expect(keys.metadata.name == "todo-chatbot-secrets")
        #expect(keys.keys == ["API_KEY", "DATABASE_URL"])
        let everything = String(reflecting: keys)
        #expect(!everything.contains("cG9zdGdyZXNxbDovL3RvZG86aHVudGVyMkBkYi90b2Rv") && !everything.contains("sk-live-123"))
    }

    @Test func logReadsStayBoundedWhateverTheNumberOfPods() throws {
        var stack = StackFixture()
        // Four crashing backend pods (one more added by hand), each with a previous and a current run.
        var extra = stack.pods[0]
        extra[path: "metadata.name"] = .string(StackFixture.pod("backend", 2))
        stack.pods.append(extra)
        extra[path: "metadata.name"] = .string(StackFixture.pod("backend", 3))
        stack.pods.append(extra)
        stack.crashLoop("backend")
        stack.pods(of: "backend") { pod in
            pod[path: "status.containerStatuses"] = .array((pod[path: "status.containerStatuses"].array ?? []).map {
                $0.with("state", ["running": ["startedAt": "2026-09-21T13:59:40Z"]])
            })
        }
        let reads = LogPlan.reads(for: try stack.evidence("backend"))
        #expect(reads.count == 2)
        #expect(Set(reads.map(\.pod)).count == 1)
        #expect(Set(reads.map(\.previous)) == [true, false])
        stack.crashLoop("frontend")
        stack.crashLoop("postgres")
        #expect(LogPlan.reads(for: try stack.evidence()).count <= LogPlan.readsInAll)
        #expect(LogPlan.reads(for: try StackFixture().evidence()).isEmpty)
    }
}

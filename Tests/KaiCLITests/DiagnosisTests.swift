import Foundation
import KaiSandbox
import KaiTestSupport
import Testing

/// `kai "why is the backend failing" -o json` through the built binary, offline: every sandbox
/// fault and pairs of them named with their reason and cause, a healthy stack with none, log
/// lines that read like instructions changing nothing, and a bounded number of API calls.
@Suite("Diagnosis, through the binary")
struct DiagnosisTests {
    /// What a finding must say: its reason (any of), the object, and the cause's reason (nil: none).
    struct Expected: Sendable, CustomTestStringConvertible {
        let reasons: Set<String>
        let object: String
        let cause: String?

        init(_ reasons: Set<String>, _ object: String = "todo-chatbot-backend", cause: String?) {
            self.reasons = reasons
            self.object = object
            self.cause = cause
        }

        var testDescription: String { "\(reasons.sorted().joined(separator: "|"))/\(cause ?? "-")" }
    }

    static let crashLoop = Expected(["CrashLoopBackOff"], cause: "MissingEnvironmentVariable")
    static let imagePull = Expected(["ImagePullBackOff", "ErrImagePull"], cause: "ImageNotFound")
    static let postgresDown = Expected(["DependencyDown"], "todo-chatbot-postgres", cause: "ReadinessProbeFailed")
    static let databaseCrash = Expected(["CrashLoopBackOff"], cause: "DatabaseUnreachable")

    /// Every fault on the backend, and each with a second fault elsewhere: the backend's findings, in order.
    static let cases: [(faults: [String], findings: [Expected])] = [
        (["backend=crashloop"], [crashLoop]),
        (["backend=imagepull"], [imagePull]),
        (["backend=oom"], [Expected(["OOMKilled"], cause: "MemoryLimitReached")]),
        (["backend=pending"], [Expected(["Unschedulable"], cause: "InsufficientCPU")]),
        (["backend=missing-secret"], [Expected(["CreateContainerConfigError"], cause: "MissingSecretKey")]),
        (["backend=readiness"], [Expected(["ReadinessProbeFailed"], cause: "ProbeErrorStatus")]),
        (["backend=db-down"], [postgresDown, databaseCrash]),
        (["backend=crashloop", "frontend=imagepull"], [crashLoop]),
        (["backend=imagepull", "postgres=db-down"], [imagePull]),
        (["backend=oom", "frontend=readiness"], [Expected(["OOMKilled"], cause: "MemoryLimitReached")]),
        (["backend=pending", "frontend=crashloop"], [Expected(["Unschedulable"], cause: "InsufficientCPU")]),
        (["backend=missing-secret", "frontend=oom"], [Expected(["CreateContainerConfigError"], cause: "MissingSecretKey")]),
        (["backend=readiness", "frontend=pending"], [Expected(["ReadinessProbeFailed"], cause: "ProbeErrorStatus")]),
        (["postgres=db-down", "frontend=crashloop"], [postgresDown, databaseCrash]),
    ]

    /// `kai --sandbox --fault … ARGUMENTS -o json`, with a private state folder.
    func kai(faults: [String], _ arguments: [String]) async throws -> ChildProcess.Result {
        let state = try KaiProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        return try await KaiProcess.run(["--sandbox"] + faults.flatMap { ["--fault", $0] } + arguments + ["-o", "json"],
                                        environment: ["XDG_STATE_HOME": state.path])
    }

    static func findings(_ result: ChildProcess.Result) throws -> [[String: Any]] {
        try #require(try result.json()["findings"] as? [[String: Any]])
    }

    @Test(arguments: cases.indices)
    func faultsAreNamedWithTheirCause(index: Int) async throws {
        let (faults, expected) = Self.cases[index]
        let result = try await kai(faults: faults, ["why is the backend failing"])
        #expect(result.status == 0, "\(result.stderr)")
        let findings = try Self.findings(result)
        #expect(findings.count == expected.count, "\(faults): \(findings.map { $0["reason"] ?? "" })")
        for (finding, want) in zip(findings, expected) {
            #expect(want.reasons.contains(finding["reason"] as? String ?? ""), "\(faults): \(finding["reason"] ?? "")")
            #expect((finding["object"] as? [String: Any])?["name"] as? String == want.object)
            #expect((finding["cause"] as? [String: Any])?["reason"] as? String == want.cause, "\(faults): \(finding["cause"] ?? "null")")
            #expect(!(finding["evidence"] as? [String] ?? []).isEmpty)
        }
        let diagnosis = try #require(((try result.json()["results"] as? [[String: Any]])?.first)?["diagnosis"] as? [String: Any])
        #expect(diagnosis["healthy"] as? Bool == false)
    }

    @Test func aHealthyStackHasNoFinding() async throws {
        for request in ["why is the backend failing", "what is wrong"] {
            let result = try await kai(faults: [], [request])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.findings(result).isEmpty)
            let diagnosis = try #require(((try result.json()["results"] as? [[String: Any]])?.first)?["diagnosis"] as? [String: Any])
            #expect(diagnosis["healthy"] as? Bool == true)
            #expect((diagnosis["summary"] as? String)?.contains("is healthy") == true)
        }
    }

    @Test func theNamespaceShowsEveryComponentsProblem() async throws {
        let result = try await kai(faults: ["backend=crashloop", "frontend=imagepull"], ["what is wrong"])
        let findings = try Self.findings(result).map { "\($0["reason"] ?? "")/\(($0["object"] as? [String: Any])?["name"] ?? "")" }
        #expect(findings.contains("CrashLoopBackOff/todo-chatbot-backend"))
        #expect(findings.contains { $0.hasSuffix("/todo-chatbot-frontend") && $0.contains("ImagePull") })
    }

    @Test func suggestionsAreStepsAsKaiPlanShowsThemAndAreNotRun() async throws {
        let result = try await kai(faults: ["backend=imagepull"], ["--yes", "--allow-disruptive", "why is the backend failing"])
        let suggestion = try #require((try Self.findings(result).first?["suggestions"] as? [[String: Any]])?.first)
        #expect(suggestion["op"] as? String == "rollback")
        #expect(suggestion["risk"] as? String == "disruptive")
        #expect(Set(suggestion.keys) == ["op", "risk", "target", "namespace", "args", "description", "undo"])
        // Only the diagnose step ran, even with consent given in advance.
        #expect((try result.json()["results"] as? [[String: Any]])?.map { $0["op"] as? String } == ["diagnose"])
    }

    @Test func faultsNeedTheSandbox() async throws {
        let result = try await KaiProcess.run(["--fault", "backend=crashloop", "why is the backend failing"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("add --sandbox"))
    }

    @Test func resourcesRecommendValuesWithTheChartsKeys() async throws {
        let result = try await kai(faults: [], ["recommend CPU and memory limits for backend"])
        #expect(result.status == 0, "\(result.stderr)")
        let resources = try #require(((try result.json()["results"] as? [[String: Any]])?.first)?["resources"] as? [String: Any])
        let container = try #require((resources["containers"] as? [[String: Any]])?.first)
        let values = try #require((container["recommended"] as? [String: Any])?["values"] as? [String: String])
        #expect(Set(values.keys) == ["backend.resources.requests.cpu", "backend.resources.requests.memory",
                                     "backend.resources.limits.cpu", "backend.resources.limits.memory"])
    }
}

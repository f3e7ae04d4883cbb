import Foundation
import KaiCore
@testable import KaiPolicy
import Testing

@Suite("Policy: defaults, the policy file, and checks")
struct PolicyTests {
    private let backend = ObjectReference(kind: .deployment, namespace: "todo-chatbot", name: "todo-chatbot-backend")

    private func scale(_ replicas: Int, _ target: ObjectReference? = nil) throws -> CatalogOperation {
        .scale(.init(target ?? backend, replicas: try ReplicaCount(replicas)))
    }

    @Test func defaultsAreTheTodoNamespaceAndTenReplicas() {
        #expect(Policy.defaults.namespaces == ["todo-chatbot"])
        #expect(Policy.defaults.maxReplicas == 10)
        #expect(Policy.defaults.disabledOperations.isEmpty)
    }

    @Test func scalingAboveTheMaximumIsRefusedWithTheLimit() throws {
        #expect(Policy.defaults.check(try scale(10)) == nil)
        let refusal = try #require(Policy.defaults.check(try scale(11)))
        #expect(refusal.reason.contains("at most 10"))
        #expect(refusal.alternative.contains("maxReplicas"))
    }

    @Test func autoscalersAreBoundByTheMaximumToo() throws {
        let bounds = try AutoscaleBounds(min: ReplicaCount(2), max: ReplicaCount(12), cpuPercent: 70)
        #expect(Policy.defaults.check(.autoscale(.init(backend, bounds: bounds))) != nil)
    }

    @Test func readOnlyRefusesEveryChangeAndAllowsReads() throws {
        var policy = try PolicyFile.parse("readOnly: true\n", path: "/etc/kai/policy.yaml")
        #expect(policy.readOnly)
        let refusal = try #require(policy.check(try scale(3)))
        #expect(refusal.reason.contains("read-only"))
        #expect(policy.check(.rollback(.init(backend))) != nil)
        #expect(policy.check(.rolloutStatus(.init(backend))) == nil)
        policy.readOnly = false
        #expect(policy.check(try scale(3)) == nil)
        #expect(throws: PolicyFileError.self) { try PolicyFile.parse("readOnly: sometimes\n", path: "/etc/kai/policy.yaml") }
    }

    @Test func otherNamespacesAreRefused() throws {
        let elsewhere = ObjectReference(kind: .deployment, namespace: "kube-system", name: "coredns")
        let refusal = try #require(Policy.defaults.check(.restart(.init(elsewhere))))
        #expect(refusal.reason.contains("kube-system"))
        #expect(Policy.defaults.check(namespace: "todo-chatbot") == nil)
    }

    @Test func targetsOutsideThePatternsAreRefused() throws {
        var policy = Policy.defaults
        policy.targets = ["todo-chatbot-front*"]
        #expect(policy.check(.restart(.init(backend))) != nil)
        let frontend = ObjectReference(kind: .deployment, namespace: "todo-chatbot", name: "todo-chatbot-frontend")
        #expect(policy.check(.restart(.init(frontend))) == nil)
    }

    @Test func switchedOffOperationsAreRefusedEvenForReads() throws {
        var policy = Policy.defaults
        policy.disabledOperations = [.logs, .deletePod]
        #expect(policy.check(.logs(.init(backend)))?.reason.contains("switched off") == true)
        #expect(policy.check(.describe(.init(backend))) == nil)
    }

    @Test func oneViolatingStepRefusesTheWholePlan() throws {
        let steps = [PlannedStep(.restart(.init(backend))), PlannedStep(try scale(50))]
        #expect(Policy.defaults.check(steps) != nil)
    }

    @Test(arguments: [("todo-*", "todo-chatbot-backend", true), ("*-backend", "todo-chatbot-backend", true),
                      ("todo-chatbot-backend", "todo-chatbot-backend", true), ("todo-*-db", "todo-chatbot-backend", false),
                      ("*", "anything", true), ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false)])
    func namePatterns(_ pattern: String, _ name: String, _ matches: Bool) {
        #expect(Glob.matches(pattern, name) == matches)
    }
}

@Suite("policy.yaml")
struct PolicyFileTests {
    private func parse(_ text: String) throws(PolicyFileError) -> Policy { try PolicyFile.parse(text, path: "/etc/kai/policy.yaml") }

    private func failure(_ text: String) -> PolicyFileError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func keysOverrideTheDefaultsAndMissingKeysKeepThem() throws {
        let policy = try parse("maxReplicas: 6\ndisabledOperations: [deletePod, rollback]\n")
        #expect(policy.maxReplicas == 6)
        #expect(policy.disabledOperations == [.deletePod, .rollback])
        #expect(policy.namespaces == ["todo-chatbot"])
        #expect(policy.source == "/etc/kai/policy.yaml")
    }

    @Test func anEmptyFileIsTheDefaults() throws {
        #expect(try parse("# nothing here\n").maxReplicas == 10)
    }

    @Test func unknownKeysAreErrorsWithTheirLine() throws {
        let error = try #require(failure("namespaces: [todo-chatbot]\nmaxReplica: 5\n"))
        #expect(error.line == 2)
        #expect(error.problem.contains("maxReplica"))
        #expect(error.problem.contains("/etc/kai/policy.yaml, line 2"))
    }

    @Test(arguments: ["maxReplicas: lots", "maxReplicas: -1", "maxReplicas: 3000000000", "maxReplicas: [1]"])
    func maxReplicasMustBeAReasonableWholeNumber(_ text: String) throws {
        #expect(try #require(failure(text)).line == 1)
    }

    @Test func unknownOperationsListTheCatalog() throws {
        let error = try #require(failure("disabledOperations:\n  - scale\n  - exec\n"))
        #expect(error.line == 3)
        #expect(error.detail.contains("deletePod"))
    }

    @Test func anEmptyNamespaceListWouldAllowNothingAndIsRejected() throws {
        #expect(try #require(failure("namespaces: []")).detail.contains("empty"))
    }

    @Test func invalidNamesAreRejected() throws {
        #expect(failure("namespaces: [Todo_Chatbot]") != nil)
        #expect(failure("targets: [\"todo chatbot\"]") != nil)
    }

    @Test func brokenYAMLSaysWhereItBroke() throws {
        let error = try #require(failure("namespaces: [todo-chatbot\nmaxReplicas: 5\n"))
        #expect(error.line != nil)
        #expect(error.problem.contains("not valid YAML"))
    }

    @Test func theTopLevelMustBeAMapping() throws {
        #expect(failure("- todo-chatbot\n") != nil)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(PolicyFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/a"]) == "/cfg/kai/policy.yaml")
        #expect(PolicyFile.defaultPath(environment: ["XDG_CONFIG_HOME": "", "HOME": "/home/a"]) == "/home/a/.config/kai/policy.yaml")
    }

    @Test func aMissingFileMeansTheDefaultsButAMissingRequiredFileIsAnError() throws {
        let path = "/nonexistent-\(UUID().uuidString)/policy.yaml"
        #expect(try PolicyFile.load(path: path) == .defaults)
        #expect(throws: PolicyFileError.self) { try PolicyFile.load(requiredPath: path) }
    }
}

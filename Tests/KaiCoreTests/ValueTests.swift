import KaiCore
import Testing

@Suite("Argument values are validated when they are made")
struct ValueTests {
    @Test func replicaCountAcceptsZeroAndKubernetesMaximum() throws {
        #expect(try ReplicaCount(0).value == 0)
        #expect(try ReplicaCount(ReplicaCount.kubernetesMaximum).value == Int(Int32.max))
    }

    @Test(arguments: [-1, -100, Int(Int32.max) + 1, Int.max])
    func replicaCountRejectsImpossibleNumbers(_ value: Int) {
        #expect(throws: ValueError.self) { try ReplicaCount(value) }
    }

    @Test func negativeReplicaCountSaysItCannotBeNegative() {
        #expect(throws: ValueError.self) { try ReplicaCount(-1) }
        do { _ = try ReplicaCount(-1) } catch { #expect(error.problem.contains("cannot be negative")) }
    }

    @Test(arguments: [0, -5, TailLines.maximum + 1])
    func tailLinesRejectsOutOfRange(_ value: Int) {
        #expect(throws: ValueError.self) { try TailLines(value) }
    }

    @Test func tailLinesDefaultsToOneHundred() { #expect(TailLines.standard.value == 100) }

    @Test(arguments: [(90, "1m30s"), (300, "5m"), (3600, "1h"), (93_784, "1d2h3m4s")])
    func logWindowReadsAsPeopleWriteIt(_ seconds: Int, _ text: String) throws {
        #expect(try LogWindow(seconds: seconds).description == text)
    }

    @Test(arguments: [0, -1, LogWindow.maximumSeconds + 1])
    func logWindowRejectsEmptyOrHugeWindows(_ seconds: Int) {
        #expect(throws: ValueError.self) { try LogWindow(seconds: seconds) }
    }

    @Test func revisionsStartAtOne() throws {
        #expect(try Revision(1).value == 1)
        #expect(throws: ValueError.self) { try Revision(0) }
    }

    @Test func autoscaleBoundsMustBeOrdered() throws {
        let two = try ReplicaCount(2), five = try ReplicaCount(5)
        #expect(try AutoscaleBounds(min: two, max: five, cpuPercent: 70).max == five)
        #expect(throws: ValueError.self) { try AutoscaleBounds(min: five, max: two, cpuPercent: 70) }
        #expect(throws: ValueError.self) { try AutoscaleBounds(min: ReplicaCount(0), max: five, cpuPercent: 70) }
        #expect(throws: ValueError.self) { try AutoscaleBounds(min: two, max: five, cpuPercent: 0) }
        #expect(throws: ValueError.self) { try AutoscaleBounds(min: two, max: five, cpuPercent: 501) }
    }

    @Test(arguments: [
        "todo-backend:2.0", "ghcr.io/acme/todo-backend:2.0", "localhost:5000/todo/backend:v1.2.3-rc.1",
        "postgres:16.4-alpine", "library/nginx@sha256:" + String(repeating: "a", count: 64),
        "registry.example.com/team/app:1.0@sha256:" + String(repeating: "0", count: 64),
    ])
    func imageReferencesThatAreValid(_ text: String) throws {
        #expect(try ImageReference(text).description == text)
    }

    @Test(arguments: [
        "", "Todo-Backend:2.0", "todo backend:2.0", "todo-backend:", ":2.0", "todo-backend:2.0@sha256:abc",
        "todo-backend:-bad", "todo--/backend:1", "ghcr.io:port/x:1",
    ])
    func imageReferencesThatAreNot(_ text: String) {
        #expect(throws: ValueError.self) { try ImageReference(text) }
    }

    @Test func imageWithoutTagIsRefusedUnlessReadFromTheCluster() throws {
        #expect(throws: ValueError.self) { try ImageReference("todo-backend") }
        #expect(try ImageReference("todo-backend", requireTag: false).tag == nil)
    }

    @Test func imageReferenceSplitsRegistryPathTagAndDigest() throws {
        let image = try ImageReference("localhost:5000/todo/backend:2.0")
        #expect(image.registry == "localhost:5000")
        #expect(image.path == "todo/backend")
        #expect(image.tag == "2.0")
        #expect(image.digest == nil)
    }

    @Test func containerNamesAreDNSLabels() throws {
        #expect(try ContainerName("backend").value == "backend")
        #expect(throws: ValueError.self) { try ContainerName("Backend") }
        #expect(throws: ValueError.self) { try ContainerName("-x") }
        #expect(throws: ValueError.self) { try ContainerName(String(repeating: "a", count: 64)) }
    }

    @Test func selectorsAreWrittenAsKubectlWritesThem() throws {
        #expect(try FieldSelector("status.phase!=Running").text == "status.phase!=Running")
        #expect(try LabelSelector("app.kubernetes.io/component=backend,tier!=cache").text.contains("tier!=cache"))
        #expect(throws: ValueError.self) { try FieldSelector("status.phase") }
        #expect(throws: ValueError.self) { try LabelSelector("app=back end") }
        #expect(LabelSelector(matching: ["b": "2", "a": "1"]).text == "a=1,b=2")
    }

    @Test func resourceKindsKnowKubectlShortNames() {
        #expect(ResourceKind(word: "svc") == .services)
        #expect(ResourceKind(word: "po") == .pods)
        #expect(ResourceKind(word: "deploy") == .deployments)
        #expect(ResourceKind(word: "backend") == nil)
    }

    @Test(arguments: [("512Mi", 536_870_912.0), ("1Gi", 1_073_741_824.0), ("250m", 0.25), ("0.5", 0.5), ("2", 2.0), ("1e3", 1000.0),
                      ("128M", 128_000_000.0), (".5", 0.5), ("1.5Gi", 1_610_612_736.0)])
    func quantitiesAreReadAsTheAPIServerReadsThem(_ text: String, _ value: Double) throws {
        #expect(try ResourceQuantity(text).value == value)
    }

    @Test(arguments: ["512mi", "1GB", "-1", "abc", "", "1.2.3", "Mi", "5 Mi", "1e"])
    func malformedQuantitiesAreRefused(_ text: String) {
        #expect(throws: ValueError.self) { try ResourceQuantity(text) }
    }

    @Test func memoryInMillibytesOrWithoutAUnitIsTakenForASlip() {
        do { _ = try ResourceQuantity.memory("512m"); Issue.record("512m of memory was accepted") } catch { #expect(error.remedy.contains("512Mi")) }
        #expect(throws: ValueError.self) { try ResourceQuantity.memory("512") }
        #expect(throws: ValueError.self) { try ResourceQuantity.cpu("0.0001") }
    }

    @Test func aLimitBelowItsRequestIsRefused() {
        let values = ContainerResourceValues(requests: ["memory": "512Mi"], limits: ["memory": "256Mi"])
        #expect(throws: ValueError.self) { try values.checkRequestsFitLimits(container: "backend") }
        #expect(throws: Never.self) { try ContainerResourceValues(requests: ["cpu": "1"], limits: ["cpu": "1000m"]).checkRequestsFitLimits(container: "backend") }
    }
}

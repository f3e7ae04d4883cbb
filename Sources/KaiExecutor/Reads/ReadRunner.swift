import KaiCore
import KaiDiagnosis
import KaiKube
import KaiPolicy

/// Runs the catalog's read operations and returns what they show, as lines (and, for diagnose
/// and resources, the report as values too). Text that comes from the cluster (log lines, event
/// messages) is shown as data and never acted on.
struct ReadRunner: Sendable {
    let client: KubeClient
    /// Checks the fixes a diagnosis suggests, so that none the policy refuses is offered.
    let policy: Policy

    func run(_ operation: CatalogOperation) async throws -> ReadResult {
        switch operation {
        case .list(let list): ReadResult(try await self.list(list))
        case .describe(let describe): ReadResult(try await self.describe(describe.object))
        case .logs(let logs): ReadResult(try await self.logs(logs))
        case .events(let events): ReadResult(try await self.events(about: events.target, in: events.namespace))
        case .rolloutStatus(let status): ReadResult(try await rolloutStatus(status.deployment))
        case .rolloutHistory(let history): ReadResult(try await rolloutHistory(history.deployment))
        case .resources(let resources): try await self.resources(resources.target, in: resources.namespace)
        case .diagnose(let diagnose): try await self.diagnose(diagnose.target, in: diagnose.namespace)
        case .scale, .restart, .autoscale, .removeAutoscaler, .rollback, .setImage, .setResources, .deletePod:
            throw ExecutionError(problem: "\(operation.name) is a change, not a read.", remedy: "")
        }
    }

    /// The pods a deployment's selector picks, sorted by name.
    func pods(of deployment: ObjectReference) async throws -> [Pod] {
        let current = try await client.get(Deployment.self, .deployments, deployment.name, in: deployment.namespace)
        return try await DeploymentReader.pods(of: current, client: client)
    }
}

/// What a read shows: lines for people, and the report as values where there is one.
struct ReadResult: Sendable {
    var lines: [String]
    var diagnosis: Diagnosis?
    var resources: ResourceReport?

    init(_ lines: [String], diagnosis: Diagnosis? = nil, resources: ResourceReport? = nil) {
        self.lines = lines
        self.diagnosis = diagnosis
        self.resources = resources
    }
}

import KaiCore
import KaiKube

/// Runs the catalog's read operations and returns what they show, as lines. Text that comes
/// from the cluster (log lines, event messages) is shown as data and never acted on.
struct ReadRunner: Sendable {
    let client: KubeClient

    func run(_ operation: CatalogOperation) async throws -> [String] {
        switch operation {
        case .list(let list): try await self.list(list)
        case .describe(let describe): try await self.describe(describe.object)
        case .logs(let logs): try await self.logs(logs)
        case .events(let events): try await self.events(about: events.target, in: events.namespace)
        case .rolloutStatus(let status): try await rolloutStatus(status.deployment)
        case .rolloutHistory(let history): try await rolloutHistory(history.deployment)
        case .resources(let resources): try await self.resources(resources.target, in: resources.namespace)
        case .diagnose(let diagnose): try await self.diagnose(diagnose.target, in: diagnose.namespace)
        case .scale, .restart, .autoscale, .rollback, .setImage, .deletePod:
            throw ExecutionError(problem: "\(operation.name) is a change, not a read.", remedy: "")
        }
    }

    /// The pods a deployment's selector picks, sorted by name.
    func pods(of deployment: ObjectReference) async throws -> [Pod] {
        let current = try await client.get(Deployment.self, .deployments, deployment.name, in: deployment.namespace)
        return try await DeploymentReader.pods(of: current, client: client)
    }
}

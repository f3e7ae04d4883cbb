import Foundation
import KaiCore
import KaiKube

extension CatalogOperation.Restart: ChangeRunner {
    /// Stamps the pod template with `kubectl.kubernetes.io/restartedAt`, as `kubectl rollout restart`
    /// does, so the deployment replaces its pods through a normal rollout; the patch carries the
    /// resourceVersion read, so two restarts racing make one rollout and one conflict.
    func prepare(_ client: KubeClient) async throws -> PreparedChange {
        let (current, state) = try await DeploymentReader.state(deployment, client: client)
        let newest = try await DeploymentReader.revisions(of: current, client: client).first?.revision ?? current.revision ?? 0
        // To the microsecond: two restarts within one second are two rollouts, not one and a no-op.
        let stamp = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let patch: JSON = ["metadata": current.versionPrecondition,
                           "spec": ["template": ["metadata": ["annotations": ["kubectl.kubernetes.io/restartedAt": .string(stamp)]]]]]
        let target = deployment
        return PreparedChange(before: "revision \(current.revision ?? newest)", after: "revision \(newest + 1) (restarted at \(stamp))",
                              undo: undo(before: state), follow: target, desired: current.desiredVersion) { client in
            _ = try await client.patch(Deployment.self, .deployments, target.name, in: target.namespace, patch: patch, as: .strategicMerge)
        }
    }
}

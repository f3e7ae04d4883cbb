import Foundation
import KaiCore
import KaiKube

extension CatalogOperation.Restart: ChangeRunner {
    /// Stamps the pod template with `kubectl.kubernetes.io/restartedAt`, as `kubectl rollout restart`
    /// does, so the deployment replaces its pods through a normal rollout.
    func apply(_ client: KubeClient) async throws -> AppliedChange {
        let (current, state) = try await DeploymentReader.state(deployment, client: client)
        let newest = try await DeploymentReader.revisions(of: current, client: client).first?.revision ?? current.revision ?? 0
        let stamp = KubeTime.format(Date())
        let patch: JSON = ["spec": ["template": ["metadata": ["annotations": ["kubectl.kubernetes.io/restartedAt": .string(stamp)]]]]]
        _ = try await client.patch(Deployment.self, .deployments, deployment.name, in: deployment.namespace, patch: patch, as: .strategicMerge)
        return AppliedChange(before: "revision \(current.revision ?? newest)", after: "revision \(newest + 1) (restarted at \(stamp))",
                             undo: undo(before: state), follow: deployment)
    }
}

import KaiCore
import KaiKube

/// The state a recorded change's target is in now, in the words the record uses for "before"
/// and "after", so that undo can tell whether the change happened and whether anyone moved it since.
enum CurrentState {
    /// The target's state now ("replicas 5", "image todo-frontend:1.2.0", "revision 4"), or nil
    /// for operations whose state is not comparable (a deleted pod).
    static func words(of operation: AuditOperation, client: KubeClient) async throws -> String? {
        guard let target = operation.target else { return nil }
        switch operation.op {
        case OperationName.scale.rawValue:
            let deployment = try await client.get(Deployment.self, .deployments, target.name, in: target.namespace)
            return "replicas \(deployment.spec.replicas ?? 1)"
        case OperationName.setImage.rawValue:
            let deployment = try await client.get(Deployment.self, .deployments, target.name, in: target.namespace)
            if let container = operation.args["container"]?.string, deployment.containers.count > 1 {
                return "container \(container) image \(deployment.containers.first { $0.name == container }?.image ?? "")"
            }
            return "image \(deployment.containers.first?.image ?? "")"
        case OperationName.rollback.rawValue, OperationName.restart.rawValue:
            let deployment = try await client.get(Deployment.self, .deployments, target.name, in: target.namespace)
            return "revision \(deployment.revision ?? 0)"
        case OperationName.setResources.rawValue:
            let deployment = try await client.get(Deployment.self, .deployments, target.name, in: target.namespace)
            guard let name = operation.args["container"]?.string, let container = deployment.containers.first(where: { $0.name == name }) else { return nil }
            return "container \(name) \(container.resourceValues.words(ResourceField.all.filter { operation.args[$0.argument] != nil }))"
        case OperationName.autoscale.rawValue, OperationName.removeAutoscaler.rawValue:
            let (_, state) = try await DeploymentReader.state(target, client: client)
            return CatalogOperation.Autoscale.words(state.autoscaler)
        default:
            return nil
        }
    }

    /// The part of recorded words that current words can equal: "revision 4, the template of
    /// revision 2 (…)" and "revision 4 (restarted at …)" are both "revision 4".
    static func comparable(_ words: String?) -> String? {
        guard var text = words else { return nil }
        if let cut = text.range(of: ",") { text = String(text[..<cut.lowerBound]) }
        if let cut = text.range(of: " (") { text = String(text[..<cut.lowerBound]) }
        return text
    }
}

import KaiCore
import KaiKube

extension CatalogOperation.SetImage: ChangeRunner {
    /// Changes one container's image with a strategic merge patch keyed by the container's name.
    func apply(_ client: KubeClient) async throws -> AppliedChange {
        let (current, state) = try await DeploymentReader.state(deployment, client: client)
        let names = current.containers.map(\.name)
        let containerName: String
        if let container {
            guard names.contains(container.value) else {
                throw ExecutionError(problem: "Deployment \(deployment.name) has no container \(container.value); its containers are \(names.joined(separator: ", ")).",
                                     remedy: "Name one of them: \"set image of \(deployment.name) container \(names.first ?? "NAME") to IMAGE\".")
            }
            containerName = container.value
        } else {
            guard names.count == 1, let only = names.first else {
                throw ExecutionError(problem: "Deployment \(deployment.name) has \(names.count) containers (\(names.joined(separator: ", "))), so kai cannot tell which image to change.",
                                     remedy: "Name the container: \"set image of \(deployment.name) container \(names.first ?? "NAME") to IMAGE\".")
            }
            containerName = only
        }
        let previous = current.containers.first { $0.name == containerName }?.image ?? ""
        let label = names.count == 1 ? "image" : "container \(containerName) image"
        var change = AppliedChange(before: "\(label) \(previous)", after: "\(label) \(image)", undo: undo(before: state), follow: deployment)
        guard previous != image.description else {
            change.unchanged = true
            return change
        }
        let patch: JSON = ["spec": ["template": ["spec": ["containers": [["name": .string(containerName), "image": .string(image.description)]]]]]]
        _ = try await client.patch(Deployment.self, .deployments, deployment.name, in: deployment.namespace, patch: patch, as: .strategicMerge)
        return change
    }
}

import KaiCore
import KaiKube

extension CatalogOperation.SetImage: ChangeRunner {
    /// Changes one container's image with a strategic merge patch keyed by the container's name,
    /// carrying the resourceVersion read.
    func prepare(_ client: KubeClient) async throws -> PreparedChange {
        let (current, state) = try await DeploymentReader.state(deployment, client: client)
        let names = current.containers.map(\.name)
        let containerName = try chosenContainer(names)
        let previous = current.containers.first { $0.name == containerName }?.image ?? ""
        let label = names.count == 1 ? "image" : "container \(containerName) image"
        let patch: JSON = ["metadata": current.versionPrecondition,
                           "spec": ["template": ["spec": ["containers": [["name": .string(containerName), "image": .string(image.description)]]]]]]
        let target = deployment
        var change = PreparedChange(before: "\(label) \(previous)", after: "\(label) \(image)", undo: undo(before: state), follow: target,
                                    desired: current.desiredVersion) { client in
            _ = try await client.patch(Deployment.self, .deployments, target.name, in: target.namespace, patch: patch, as: .strategicMerge)
        }
        change.unchanged = previous == image.description
        return change
    }

    /// The container whose image changes: the one named, or the only one.
    private func chosenContainer(_ names: [String]) throws -> String {
        if let container {
            guard names.contains(container.value) else {
                throw ExecutionError(problem: "Deployment \(deployment.name) has no container \(container.value); its containers are \(names.joined(separator: ", ")).",
                                     remedy: "Name one of them: \"set image of \(deployment.name) container \(names.first ?? "NAME") to IMAGE\".")
            }
            return container.value
        }
        guard names.count == 1, let only = names.first else {
            throw ExecutionError(problem: "Deployment \(deployment.name) has \(names.count) containers (\(names.joined(separator: ", "))), so kai cannot tell which image to change.",
                                 remedy: "Name the container: \"set image of \(deployment.name) container \(names.first ?? "NAME") to IMAGE\".")
        }
        return only
    }
}

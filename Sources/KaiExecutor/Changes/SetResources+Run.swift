import KaiCore
import KaiKube

extension CatalogOperation.SetResources: ChangeRunner {
    /// Sets the container's requests and limits with a strategic merge patch keyed by the container's
    /// name, carrying the resourceVersion read; a removed setting is sent as null. The values are
    /// checked against the container as it is now, as the API server would check them.
    func prepare(_ client: KubeClient) async throws -> PreparedChange {
        let (current, state) = try await DeploymentReader.state(deployment, client: client)
        guard let spec = current.containers.first(where: { $0.name == container.value }) else {
            let names = current.containers.map(\.name)
            throw ExecutionError(problem: "Deployment \(deployment.name) has no container \(container); its containers are \(names.joined(separator: ", ")).",
                                 remedy: "Name one of them: \"set \(deployment.name) container \(names.first ?? "NAME") memory limit to 512Mi\".")
        }
        let now = spec.resourceValues
        let wanted = now.applying(changes)
        do {
            try wanted.checkRequestsFitLimits(container: container.value)
        } catch {
            throw ExecutionError(problem: "Nothing was changed: \(error.problem)", remedy: error.remedy)
        }
        var resources: [String: JSON] = [:]
        for bound in ResourceField.Bound.allCases {
            var values: [String: JSON] = [:]
            for field in fields where field.bound == bound {
                values[field.resource.rawValue] = changes[field]?.quantity.map { .string($0.text) } ?? .null
            }
            if !values.isEmpty { resources[bound.key] = .object(values) }
        }
        let patch: JSON = ["metadata": current.versionPrecondition,
                           "spec": ["template": ["spec": ["containers": [["name": .string(container.value), "resources": .object(resources)]]]]]]
        let target = deployment
        let label = "container \(container.value)"
        var change = PreparedChange(before: "\(label) \(now.words(fields))", after: "\(label) \(wanted.words(fields))", undo: undo(before: state),
                                    follow: target, desired: current.desiredVersion) { client in
            _ = try await client.patch(Deployment.self, .deployments, target.name, in: target.namespace, patch: patch, as: .strategicMerge)
        }
        change.unchanged = fields.allSatisfy { field in
            switch (now[field].flatMap { try? ResourceQuantity($0) }, changes[field]) {
            case (nil, .unset?): true
            case (let have?, .set(let asked)?): have.isSameAmount(as: asked)
            default: false
            }
        }
        return change
    }
}

import KaiCore

extension Resolver {
    /// setResources on `deployment`: the container (named, or the only one), relative amounts worked
    /// out from its current values, a limit raised to meet a request set without naming either, and
    /// the result checked as the API server checks it (no request above its limit).
    func setResources(_ draft: DraftStep, on deployment: ObjectReference) throws(ResolutionError) -> CatalogOperation {
        guard let request = draft.resources, !request.amounts.isEmpty else {
            throw ResolutionError(.unusable, problem: "setResources needs a value to set, and the request gives none.",
                                  remedy: "Say it, e.g. \"set \(deployment.name) memory limit to 512Mi\" or \"raise \(deployment.name) memory by half\".")
        }
        let container = try resourceContainer(draft.container, of: deployment)
        let current = container.resources ?? ContainerResourceValues()
        var changes: [ResourceField: ResourceSetting] = [:]
        for (field, amount) in request.amounts {
            switch amount {
            case .exactly(let setting):
                changes[field] = setting
            case .scaled(let numerator, let denominator):
                guard let text = current[field], let now = try? ResourceQuantity(text) else {
                    throw ResolutionError(.unusable, problem: "Container \(container.name) of \(deployment.name) has no \(field) set, so it cannot be changed by a share of it.",
                                          remedy: "Give the value, e.g. \"set \(deployment.name) \(field) to \(field.resource == .cpu ? "500m" : "512Mi")\".")
                }
                changes[field] = .set(field.resource.rounded(now.value * Double(numerator) / Double(denominator)))
            }
        }
        for resource in request.limitFollows {
            let limit = ResourceField(resource, .limit)
            guard changes[limit] == nil, let wanted = changes[ResourceField(resource, .request)]?.quantity,
                  let text = current[limit], let now = try? ResourceQuantity(text), now.value < wanted.value else { continue }
            changes[limit] = .set(wanted)
        }
        do {
            try current.applying(changes).checkRequestsFitLimits(container: container.name)
            return .setResources(try .init(deployment, container: ContainerName(container.name), changes: changes))
        } catch {
            throw ResolutionError(.unusable, problem: error.problem, remedy: error.remedy)
        }
    }

    /// removeAutoscaler on `deployment`, which must have an autoscaler.
    func removeAutoscaler(on deployment: ObjectReference) throws(ResolutionError) -> CatalogOperation {
        guard snapshot.autoscalers.contains(where: { $0.targetDeployment == deployment.name }) else {
            throw ResolutionError(.unusable, problem: "Deployment \(deployment.name) has no autoscaler, so there is none to remove.",
                                  remedy: "\"list hpa\" shows the autoscalers there are.")
        }
        return .removeAutoscaler(.init(deployment))
    }

    private func resourceContainer(_ name: ContainerName?, of deployment: ObjectReference) throws(ResolutionError) -> ContainerImage {
        let containers = snapshot.deployments.first { $0.name == deployment.name }?.containers ?? []
        if let name {
            guard let container = containers.first(where: { $0.name == name.value }) else {
                throw ResolutionError(.unknown, problem: "Deployment \(deployment.name) has no container called \(name); it has \(containers.map(\.name).joined(separator: ", ")).",
                                      remedy: "Name one of those containers.", candidates: containers.map(\.name))
            }
            return container
        }
        guard containers.count == 1, let only = containers.first else {
            let names = containers.map(\.name)
            throw ResolutionError(.ambiguous, problem: "Deployment \(deployment.name) has \(names.count) containers: \(names.joined(separator: ", ")).",
                                  remedy: "Which one? Say \"container NAME\".", candidates: names)
        }
        return only
    }
}

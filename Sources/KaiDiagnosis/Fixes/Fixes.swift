import KaiCore
import KaiKube

/// Fixes from the catalog, built for an object the evidence shows, with its state beforehand so
/// that the plan says "from 2 to 3" and knows its undo. The policy checks them where they are offered.
enum Fixes {
    /// The catalog's reference to `deployment`.
    static func reference(_ deployment: Deployment, in evidence: Evidence) -> ObjectReference {
        ObjectReference(kind: .deployment, namespace: deployment.metadata.namespace ?? evidence.target.namespace, name: deployment.metadata.name)
    }

    /// The deployment's state as a change reads it first.
    static func state(_ deployment: Deployment, in evidence: Evidence) -> DeploymentState {
        DeploymentState(deployment, autoscaler: evidence.autoscaler(of: deployment.metadata.name))
    }

    /// Roll back to the previous revision.
    static func rollback(_ deployment: Deployment, in evidence: Evidence) -> PlannedStep {
        PlannedStep(.rollback(.init(reference(deployment, in: evidence))), before: state(deployment, in: evidence))
    }

    /// A rollout restart.
    static func restart(_ deployment: Deployment, in evidence: Evidence) -> PlannedStep {
        PlannedStep(.restart(.init(reference(deployment, in: evidence))), before: state(deployment, in: evidence))
    }

    /// Scale to `replicas`.
    static func scale(_ deployment: Deployment, to replicas: Int, in evidence: Evidence) -> PlannedStep? {
        guard let count = try? ReplicaCount(replicas) else { return nil }
        return PlannedStep(.scale(.init(reference(deployment, in: evidence), replicas: count)), before: state(deployment, in: evidence))
    }

    /// Let the autoscaler reach `max` replicas, keeping its minimum and CPU target.
    static func autoscale(_ deployment: Deployment, _ autoscaler: Autoscaler, max: Int, in evidence: Evidence) -> PlannedStep? {
        guard let low = try? ReplicaCount(autoscaler.minReplicas), let high = try? ReplicaCount(max),
              let bounds = try? AutoscaleBounds(min: low, max: high, cpuPercent: autoscaler.cpuPercent ?? AutoscaleBounds.standardCPUPercent)
        else { return nil }
        return PlannedStep(.autoscale(.init(reference(deployment, in: evidence), bounds: bounds)), before: state(deployment, in: evidence))
    }

    /// Set `values` on `container`: requests and limits recommended, or a memory limit raised after an OOM kill.
    static func setResources(_ deployment: Deployment, container: String, _ values: [ResourceField: String], in evidence: Evidence) -> PlannedStep? {
        var changes: [ResourceField: ResourceSetting] = [:]
        for (field, text) in values {
            guard let quantity = try? field.resource.quantity(text) else { return nil }
            changes[field] = .set(quantity)
        }
        guard let name = try? ContainerName(container),
              let operation = try? CatalogOperation.SetResources(reference(deployment, in: evidence), container: name, changes: changes),
              (try? deployment.containers.first { $0.name == container }?.resourceValues.applying(changes).checkRequestsFitLimits(container: container)) != nil
        else { return nil }
        return PlannedStep(.setResources(operation), before: state(deployment, in: evidence))
    }

    /// The revision before the one `deployment` is on, when its template differs in `container`'s image.
    static func previousImage(of deployment: Deployment, container: String, in evidence: Evidence)
        -> (current: ReplicaSet, previous: ReplicaSet, from: String, to: String)? {
        let sets = evidence.replicaSets(of: deployment)
        guard let current = sets.first(where: { $0.revision == deployment.revision }) ?? sets.first,
              let previous = sets.first(where: { ($0.revision ?? 0) < (current.revision ?? 0) }) else { return nil }
        let image = { (set: ReplicaSet) in set.spec.template.spec.containers.first { $0.name == container }?.image }
        guard let to = image(current), let from = image(previous), from != to else { return nil }
        return (current, previous, from, to)
    }
}

import KaiCore
import KaiKube

extension ReadRunner {
    /// Events about `target` (and, for a deployment, its replica sets and pods), or about the whole namespace.
    func events(about target: ObjectReference?, in namespace: String) async throws -> [String] {
        let all = try await client.list(Event.self, .events, in: namespace).items
        guard let target else {
            let table = eventTable(all)
            return table.isEmpty ? ["No events in namespace \(namespace)."] : table
        }
        var names: Set<String> = [target.name]
        if target.kind == .deployment {
            // A deployment's story is told by its replica sets and pods too.
            names.formUnion(try await pods(of: target).map(\.metadata.name))
            let deployment = try await client.get(Deployment.self, .deployments, target.name, in: namespace)
            names.formUnion(try await client.list(ReplicaSet.self, .replicaSets, in: namespace, labelSelector: deployment.spec.selector?.queryText)
                .items.filter { $0.isOwned(by: deployment) }.map(\.metadata.name))
        }
        let table = eventTable(all.filter { names.contains($0.involvedObject.name ?? "") })
        return table.isEmpty ? ["No recent events for \(target.kind.noun) \(target.name)."] : table
    }
}

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
            let deployment = try await client.get(Deployment.self, .deployments, target.name, in: namespace)
            names.formUnion(try await DeploymentReader.pods(of: deployment, client: client).map(\.metadata.name))
            names.formUnion(try await DeploymentReader.revisions(of: deployment, client: client).map(\.metadata.name))
        }
        let table = eventTable(all.filter { names.contains($0.involvedObject.name ?? "") })
        return table.isEmpty ? ["No recent events for \(target.kind.noun) \(target.name)."] : table
    }
}

import KaiCore

extension ClusterSnapshot {
    /// Everything a request can name in this snapshot and its neighbours: deployments by name and role,
    /// the role words people use for them ("api", "db"), pods by name, and the namespaces in
    /// `allowedNamespaces` or known to exist.
    public func vocabulary(allowedNamespaces: [String] = []) -> Vocabulary {
        let snapshots = [self] + neighbours
        var names: [Vocabulary.Name] = []
        for snapshot in snapshots {
            for deployment in snapshot.deployments { names += Self.names(of: deployment, in: snapshot.namespace) }
            for pod in snapshot.pods {
                names.append(.init(word: pod.name, object: pod.name, kind: .pod, namespace: snapshot.namespace, isRole: false))
            }
        }
        var namespaces: [String] = []
        for namespace in snapshots.map(\.namespace) + allowedNamespaces + knownNamespaces where !namespaces.contains(namespace) {
            namespaces.append(namespace)
        }
        return Vocabulary(currentNamespace: namespace, namespaces: namespaces, readNamespaces: snapshots.map(\.namespace), names: names)
    }

    /// A deployment's own name, its role (the component label, or what follows the release prefix),
    /// and the everyday words for that role; role words stay tied to the role label, so "db" never
    /// names a deployment that does not play that role.
    private static func names(of deployment: DeploymentSnapshot, in namespace: String) -> [Vocabulary.Name] {
        func name(_ word: String, role: Bool, closeSpelling: Bool = true) -> Vocabulary.Name {
            .init(word: word, object: deployment.name, kind: .deployment, namespace: namespace, isRole: role, allowsCloseSpelling: closeSpelling)
        }
        var result = [name(deployment.name, role: false)]
        guard let role = deployment.component else { return result }
        result.append(name(role, role: true))
        for (word, roles) in NameMatcher.roleSynonyms where roles.contains(role) && word != role {
            // Long role words ("database", "website") may be misspelled and still read; short ones ("api", "db") are too common.
            result.append(name(word, role: true, closeSpelling: word.count >= 7))
        }
        return result
    }
}

import KaiCore

/// Finds the deployments and pods a word refers to, in order of confidence:
/// exact name, then role (component label, name suffix, common synonyms), then unique prefix.
struct NameMatcher {
    let snapshot: ClusterSnapshot

    /// Words people use for common roles, mapped to the component names that play them.
    static let roleSynonyms: [String: [String]] = [
        "db": ["postgres", "postgresql", "database", "db", "mysql", "mariadb"],
        "database": ["postgres", "postgresql", "database", "db", "mysql", "mariadb"],
        "postgresql": ["postgres", "postgresql"],
        "postgres": ["postgres", "postgresql"],
        "pg": ["postgres", "postgresql"],
        "api": ["backend", "api"],
        "server": ["backend", "api", "server"],
        "fastapi": ["backend", "api"],
        "ui": ["frontend", "web", "ui"],
        "web": ["frontend", "web", "ui"],
        "website": ["frontend", "web", "ui"],
        "site": ["frontend", "web", "ui"],
        "nextjs": ["frontend", "web", "ui"],
        "next.js": ["frontend", "web", "ui"],
        "client": ["frontend", "web", "ui"],
    ]

    /// The deployments `term` refers to, from the most confident tier that matches anything.
    func deployments(matching term: String) -> [DeploymentSnapshot] {
        let all = snapshot.deployments
        if let exact = all.first(where: { $0.name == term }) { return [exact] }
        let roles = [term] + (Self.roleSynonyms[term] ?? [])
        let byRole = all.filter { deployment in
            roles.contains { role in deployment.component == role || deployment.name.hasSuffix("-\(role)") }
        }
        if !byRole.isEmpty { return byRole }
        guard term.count >= 2 else { return [] }
        return all.filter { deployment in
            deployment.name.hasPrefix(term) || (deployment.component?.hasPrefix(term) ?? false)
                || deployment.name.split(separator: "-").contains { $0.hasPrefix(term) }
        }
    }

    /// The pods `term` refers to: one by exact name or unique prefix, or the pods of the deployments it names.
    func pods(matching term: String) -> [PodSnapshot] {
        let all = snapshot.pods
        if let exact = all.first(where: { $0.name == term }) { return [exact] }
        let owners = Set(deployments(matching: term).map(\.name))
        let owned = all.filter { pod in pod.deployment.map(owners.contains) ?? false || pod.component == term }
        if !owned.isEmpty { return owned }
        guard term.count >= 2 else { return [] }
        return all.filter { $0.name.hasPrefix(term) }
    }
}

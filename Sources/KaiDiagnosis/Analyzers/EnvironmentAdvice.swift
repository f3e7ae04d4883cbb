import KaiKube

/// Where a container's environment variable comes from, and what to change when the app says it is missing.
enum EnvironmentAdvice {
    static func missing(_ name: String, in group: TroubleGroup, evidence: Evidence) -> String {
        let container = group.container ?? ""
        let deployment = group.workload.deployment
        guard let variable = group.containerSpec?.env?.first(where: { $0.name == name }) else {
            let place = ChartValues.whereToSet(ChartValues.environmentKey, fallback: "add it to the env of container \(container)", for: deployment)
            return "\(name) is not in container \(container)'s environment: \(place), then restart \(group.workload.name)."
        }
        if let reference = variable.valueFrom?.secretKeyRef, let secret = reference.name {
            return "\(name) comes from key \(reference.key) of Secret \(secret), which \(KeyPresence.of(reference.key, in: secret, evidence.secrets)); put the value there (kai never reads it), then restart \(group.workload.name)."
        }
        if let reference = variable.valueFrom?.configMapKeyRef, let configMap = reference.name {
            return "\(name) comes from key \(reference.key) of ConfigMap \(configMap), which \(KeyPresence.of(reference.key, in: configMap, evidence.configMaps)); set it there, then restart \(group.workload.name)."
        }
        return "\(name) is set in container \(container)'s spec but the app does not see it; check its spelling and that the app reads it at start."
    }
}

/// Whether a Secret or ConfigMap holds a key, in words, from the key names kai could read.
enum KeyPresence {
    static func of(_ key: String, in name: String, _ objects: [KeyNames]?) -> String {
        guard let objects else { return "kai may not read (its keys are unknown)" }
        guard let object = objects.first(where: { $0.metadata.name == name }) else { return "does not exist" }
        return object.keys.contains(key) ? "holds it" : "has no such key (it holds \(object.keys.joined(separator: ", ")))"
    }
}

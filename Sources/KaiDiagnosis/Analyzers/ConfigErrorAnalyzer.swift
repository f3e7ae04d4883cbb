import KaiKube

/// CreateContainerConfigError: a Secret or ConfigMap (or a key of one) the container reads is
/// missing. The kubelet's message names it; where kai may read key names (never values) it also
/// checks every reference itself, and where it may not (no access to Secrets) the message is enough.
enum ConfigErrorAnalyzer {
    static func finding(_ group: TroubleGroup, in evidence: Evidence) -> Finding {
        let container = group.container ?? ""
        let message = group.sample.containerStatuses.first { $0.name == container }?.state?.waiting?.message
            ?? evidence.events(about: "Pod", group.sample.metadata.name).last { $0.reason == "Failed" }?.message ?? ""
        let missing = MissingReference.parse(message) ?? MissingReference.find(in: group.containerSpec, evidence: evidence)
        var finding = Finding(
            reason: .createContainerConfigError, object: group.workload.identity, pods: group.podNames,
            summary: "Container \(container) of \(group.workload.description) cannot be created from its configuration"
                + (missing.map { ": \($0.words) is missing" } ?? "") + " (\(group.share)).",
            cause: missing?.cause,
            evidence: group.statusEvidence(in: evidence) + referenceLines(group.containerSpec, evidence: evidence))
        if let missing {
            finding.advice.append(missing.advice(for: group.workload.deployment))
        }
        if let deployment = group.workload.deployment {
            finding.fixes.append(Fixes.restart(deployment, in: evidence))
            finding.advice.append("Once it is there, restart \(deployment.metadata.name) so that new pods start with it (the fix below).")
        }
        return finding
    }

    /// What the container reads from Secrets and ConfigMaps, and whether each exists (names only).
    static func referenceLines(_ container: PodTemplate.Container?, evidence: Evidence) -> [EvidenceLine] {
        guard let container else { return [] }
        var lines: [EvidenceLine] = []
        for variable in container.env ?? [] {
            if let reference = variable.valueFrom?.secretKeyRef, let name = reference.name {
                lines.append(EvidenceLine(.spec, "env \(variable.name) <- Secret \(name) key \(reference.key): \(KeyPresence.of(reference.key, in: name, evidence.secrets))"))
            }
            if let reference = variable.valueFrom?.configMapKeyRef, let name = reference.name {
                lines.append(EvidenceLine(.spec, "env \(variable.name) <- ConfigMap \(name) key \(reference.key): \(KeyPresence.of(reference.key, in: name, evidence.configMaps))"))
            }
        }
        if evidence.secrets == nil, lines.contains(where: { $0.text.contains("<- Secret") }) {
            lines.append(EvidenceLine(.spec, "kai may not read Secrets here, so which key is missing comes from the kubelet's message"))
        }
        return lines
    }
}

/// A Secret or ConfigMap, or one key of it, that a container needs and the cluster does not have.
struct MissingReference: Sendable, Hashable {
    let kind: String
    let name: String
    let key: String?

    /// "key OPENAI_API_KEY of Secret todo-chatbot-secrets".
    var words: String { key.map { "key \($0) of \(kind) \(name)" } ?? "\(kind) \(name)" }

    var cause: Cause {
        switch (kind, key) {
        case ("Secret", nil): Cause(.missingSecret, "Secret \(name), which the container reads, does not exist.")
        case ("Secret", let key?): Cause(.missingSecretKey, "Secret \(name) has no key \(key), which the container reads.")
        case (_, nil): Cause(.missingConfigMap, "ConfigMap \(name), which the container reads, does not exist.")
        case (_, let key?): Cause(.missingConfigMapKey, "ConfigMap \(name) has no key \(key), which the container reads.")
        }
    }

    func advice(for deployment: Deployment?) -> String {
        let chart = deployment.flatMap(ChartValues.component) != nil
        switch (kind, key) {
        case ("Secret", let key?):
            return "Add key \(key) to Secret \(name)" + (chart ? " (\(ChartValues.secretKey(key)) in \(ChartValues.valuesFile), then helm upgrade)" : "")
                + ", e.g. kubectl patch secret \(name) --type merge -p '{\"stringData\":{\"\(key)\":\"…\"}}' with the real value; kai never reads or writes Secret values."
        case ("Secret", nil):
            return "Create Secret \(name) with the keys the pods read" + (chart ? " (the chart's secrets values, then helm upgrade)" : "") + "; kai never writes Secrets."
        case (_, let key?):
            return "Add key \(key) to ConfigMap \(name) (kubectl edit configmap \(name)" + (chart ? ", or the chart's values and helm upgrade" : "") + ")."
        case (_, nil):
            return "Create ConfigMap \(name)" + (chart ? " (the chart's values, then helm upgrade)" : "") + "."
        }
    }

    /// From the kubelet's words: `couldn't find key K in Secret NS/NAME`, `secret "NAME" not found`.
    static func parse(_ message: String) -> MissingReference? {
        if let match = message.firstMatch(of: #/couldn't find key (\S+) in (Secret|ConfigMap) (?:[^/\s]+/)?(\S+)/#) {
            return MissingReference(kind: String(match.output.2), name: String(match.output.3), key: String(match.output.1))
        }
        if let match = message.firstMatch(of: #/(secret|configmap) "([^"]+)" not found/#.ignoresCase()) {
            return MissingReference(kind: match.output.1.lowercased() == "secret" ? "Secret" : "ConfigMap", name: String(match.output.2), key: nil)
        }
        return nil
    }

    /// From the container's references against the key names kai could read.
    static func find(in container: PodTemplate.Container?, evidence: Evidence) -> MissingReference? {
        for variable in container?.env ?? [] {
            for (kind, reference, objects) in [("Secret", variable.valueFrom?.secretKeyRef, evidence.secrets),
                                               ("ConfigMap", variable.valueFrom?.configMapKeyRef, evidence.configMaps)] {
                guard let reference, reference.optional != true, let name = reference.name, let objects else { continue }
                guard let object = objects.first(where: { $0.metadata.name == name }) else { return MissingReference(kind: kind, name: name, key: nil) }
                if !object.keys.contains(reference.key) { return MissingReference(kind: kind, name: name, key: reference.key) }
            }
        }
        return nil
    }
}

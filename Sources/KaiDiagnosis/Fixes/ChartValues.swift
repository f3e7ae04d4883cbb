import KaiKube

/// Where the todo-chatbot chart (`charts/todo-chatbot`) keeps the settings kai's advice
/// names: every values.yaml key kai mentions is spelled here and nowhere else.
///
/// ```swift
/// ChartValues.resourceKey(component: "backend", .limits, "memory")   // "backend.resources.limits.memory"
/// ```
public enum ChartValues {
    /// The values file a person edits.
    public static let valuesFile = "charts/todo-chatbot/values.yaml"

    /// Requests or limits.
    public enum Bound: String, Sendable {
        case requests, limits
    }

    /// `COMPONENT.resources.requests.cpu` and the like.
    public static func resourceKey(component: String, _ bound: Bound, _ resource: String) -> String {
        "\(component).resources.\(bound.rawValue).\(resource)"
    }

    /// `COMPONENT.image.tag`: the image the component runs.
    public static func imageTagKey(component: String) -> String { "\(component).image.tag" }

    /// `COMPONENT.extraEnv`: extra environment variables of the component's container.
    public static func environmentKey(component: String) -> String { "\(component).extraEnv" }

    /// `COMPONENT.replicaCount`.
    public static func replicasKey(component: String) -> String { "\(component).replicaCount" }

    /// `COMPONENT.probes.readiness` or `.liveness` (the path they share is `COMPONENT.probes.path`).
    public static func probeKey(component: String, liveness: Bool) -> String { "\(component).probes.\(liveness ? "liveness" : "readiness")" }

    /// Where the chart takes the value of the Secret's key `key` (an environment variable's name):
    /// `DATABASE_URL` from `externalDatabase.url` (or the chart's own PostgreSQL), the others from
    /// `secrets.` and the key in lower camel case (`OPENAI_API_KEY` -> `secrets.openaiApiKey`).
    public static func secretKey(_ key: String) -> String {
        if key == "DATABASE_URL" { return "externalDatabase.url" }
        let words = key.lowercased().split(separator: "_").map(String.init)
        guard let first = words.first else { return "secrets.\(key)" }
        let rest = words.dropFirst().map { $0 == "api" ? "Api" : $0.prefix(1).uppercased() + $0.dropFirst() }
        return "secrets." + first + rest.joined()
    }

    /// The component whose values hold `deployment`'s settings, when a Helm release of the chart
    /// manages it (a release annotation or `app.kubernetes.io/managed-by: Helm`) and it has a component label.
    public static func component(of deployment: Deployment) -> String? {
        let managed = deployment.metadata.annotations?["meta.helm.sh/release-name"] != nil
            || deployment.metadata.labels?["app.kubernetes.io/managed-by"] == "Helm"
        guard managed else { return nil }
        return deployment.metadata.labels?[componentLabel]
    }

    /// "set backend.resources.limits.memory in charts/todo-chatbot/values.yaml", or, for a
    /// deployment the chart does not manage, where in its manifest to make the change.
    static func whereToSet(_ key: (String) -> String, fallback: String, for deployment: Deployment?) -> String {
        guard let deployment, let component = component(of: deployment) else { return fallback }
        return "set \(key(component)) in \(valuesFile) and upgrade the release (helm upgrade)"
    }
}

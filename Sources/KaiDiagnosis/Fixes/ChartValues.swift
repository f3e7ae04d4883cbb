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

    /// `COMPONENT.env`: extra environment variables of the component's container.
    public static func environmentKey(component: String) -> String { "\(component).env" }

    /// `COMPONENT.replicaCount`.
    public static func replicasKey(component: String) -> String { "\(component).replicaCount" }

    /// `COMPONENT.readinessProbe` or `.livenessProbe`.
    public static func probeKey(component: String, liveness: Bool) -> String { "\(component).\(liveness ? "livenessProbe" : "readinessProbe")" }

    /// `secrets.KEY`: the chart's Secret values, one key each.
    public static func secretKey(_ key: String) -> String { "secrets.\(key)" }

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

import KaiCore
/// A pod template: the parts kai reads, plus the whole template as JSON for writing it back.
public struct PodTemplate: Codable, Sendable, Hashable {
    public var metadata: TemplateMeta?
    public var spec: Spec
    /// The template exactly as the server sent it.
    public var raw: JSON

    /// The template's labels and annotations.
    public struct TemplateMeta: Codable, Sendable, Hashable {
        public var labels: [String: String]?
        public var annotations: [String: String]?
    }

    /// `spec`: what the object should be, as the API names its fields.
    public struct Spec: Codable, Sendable, Hashable {
        public var containers: [Container]
    }

    /// One container: its name, image, resources, and what diagnosis reads of its configuration
    /// (the Secret and ConfigMap keys it references, its ports and probes; never literal values).
    public struct Container: Codable, Sendable, Hashable {
        public var name: String
        public var image: String?
        public var resources: ResourceRequirements?
        public var env: [EnvVar]?
        public var envFrom: [EnvFromSource]?
        public var ports: [ContainerPort]?
        public var readinessProbe: Probe?
        public var livenessProbe: Probe?
        public var startupProbe: Probe?

        /// Its requests and limits as plain values.
        public var resourceValues: ContainerResourceValues {
            ContainerResourceValues(requests: resources?.requests ?? [:], limits: resources?.limits ?? [:])
        }
    }

    enum CodingKeys: CodingKey { case metadata, spec }

    public init(from decoder: any Decoder) throws {
        raw = try JSON(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decodeIfPresent(TemplateMeta.self, forKey: .metadata)
        spec = try container.decode(Spec.self, forKey: .spec)
    }

    public func encode(to encoder: any Encoder) throws {
        try raw.encode(to: encoder)
    }
}

/// A container's requests and limits, as quantities ("250m", "256Mi").
public struct ResourceRequirements: Codable, Sendable, Hashable {
    public var requests: [String: String]?
    public var limits: [String: String]?
}

extension EnvVar {
    /// The value as kai shows it: where it comes from, never the value itself (a Secret's is never read;
    /// a literal one is not even decoded).
    public var shown: String {
        if let secret = valueFrom?.secretKeyRef { return "<from secret \(secret.name ?? "?"), key \(secret.key)>" }
        if let configMap = valueFrom?.configMapKeyRef { return "<from config map \(configMap.name ?? "?"), key \(configMap.key)>" }
        return "<set in the pod spec; not shown>"
    }
}

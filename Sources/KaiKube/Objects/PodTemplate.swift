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

    /// One container: its name, image, resources and environment.
    public struct Container: Codable, Sendable, Hashable {
        public var name: String
        public var image: String?
        public var resources: ResourceRequirements?
        public var env: [EnvironmentVariable]?
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

/// A container's environment variable: a literal value, or a reference to where it comes from.
public struct EnvironmentVariable: Codable, Sendable, Hashable {
    public var name: String
    public var value: String?
    public var valueFrom: Source?

    /// Where a value comes from: a Secret's key, a ConfigMap's key, a field of the pod.
    public struct Source: Codable, Sendable, Hashable {
        public var secretKeyRef: KeyReference?
        public var configMapKeyRef: KeyReference?
        public var fieldRef: FieldReference?
    }

    /// One key of a Secret or ConfigMap.
    public struct KeyReference: Codable, Sendable, Hashable {
        public var name: String?
        public var key: String
    }

    /// A field of the pod (`metadata.name`, `status.podIP`).
    public struct FieldReference: Codable, Sendable, Hashable {
        public var fieldPath: String
    }

    /// The value as kai shows it: a literal as it is, a reference as a reference (never the Secret's value).
    public var shown: String {
        if let secret = valueFrom?.secretKeyRef { return "<from secret \(secret.name ?? "?"), key \(secret.key)>" }
        if let configMap = valueFrom?.configMapKeyRef { return "<from config map \(configMap.name ?? "?"), key \(configMap.key)>" }
        if let field = valueFrom?.fieldRef { return "<from the pod's \(field.fieldPath)>" }
        return value ?? ""
    }
}

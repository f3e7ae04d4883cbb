/// An environment variable of a container, by name and where its value comes from. A literal
/// `value` is not decoded: kai has no use for it, and it may hold something that should stay put.
public struct EnvVar: Codable, Sendable, Hashable {
    public var name: String
    public var valueFrom: Source?

    /// Where a value comes from: a key of a Secret or of a ConfigMap.
    public struct Source: Codable, Sendable, Hashable {
        public var secretKeyRef: KeyReference?
        public var configMapKeyRef: KeyReference?
    }
}

/// One key of a named Secret or ConfigMap.
public struct KeyReference: Codable, Sendable, Hashable {
    public var name: String?
    public var key: String
    public var optional: Bool?
}

/// A whole Secret or ConfigMap loaded into a container's environment.
public struct EnvFromSource: Codable, Sendable, Hashable {
    public var secretRef: NameReference?
    public var configMapRef: NameReference?
    public var prefix: String?
}

/// A reference to an object by name.
public struct NameReference: Codable, Sendable, Hashable {
    public var name: String?
    public var optional: Bool?
}

/// A port a container listens on.
public struct ContainerPort: Codable, Sendable, Hashable {
    public var name: String?
    public var containerPort: Int
    public var `protocol`: String?
}

/// A readiness, liveness or startup probe: an HTTP GET, a TCP connection or a command.
public struct Probe: Codable, Sendable, Hashable {
    public var httpGet: HTTPGet?
    public var tcpSocket: TCPSocket?
    public var exec: Exec?
    public var initialDelaySeconds: Int?
    public var periodSeconds: Int?
    public var failureThreshold: Int?
    public var timeoutSeconds: Int?

    /// `httpGet`: a path on a port.
    public struct HTTPGet: Codable, Sendable, Hashable {
        public var path: String?
        public var port: PortValue
        public var scheme: String?
    }

    /// `tcpSocket`: a port that must accept connections.
    public struct TCPSocket: Codable, Sendable, Hashable {
        public var port: PortValue
    }

    /// `exec`: a command that must exit 0.
    public struct Exec: Codable, Sendable, Hashable {
        public var command: [String]?
    }

    /// What the probe checks, in words: "GET /health on port 8000", "TCP port 5432", "`pg_isready -U todo`".
    public var check: String {
        if let http = httpGet { return "\(http.scheme == "HTTPS" ? "HTTPS " : "")GET \(http.path ?? "/") on port \(http.port)" }
        if let tcp = tcpSocket { return "a TCP connection to port \(tcp.port)" }
        if let command = exec?.command { return "the command `\(command.joined(separator: " "))`" }
        return "its check"
    }
}

/// A port given by number or by the name of a container port (`IntOrString` in the API).
public enum PortValue: Codable, Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case name(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .name(try container.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .name(let name): try container.encode(name)
        }
    }

    public var description: String {
        switch self {
        case .number(let number): String(number)
        case .name(let name): name
        }
    }
}

/// A pod volume, as far as diagnosis follows it: the claim, Secret or ConfigMap behind it.
public struct Volume: Codable, Sendable, Hashable {
    public var name: String
    public var persistentVolumeClaim: ClaimSource?
    public var secret: SecretSource?
    public var configMap: NameReference?

    /// `persistentVolumeClaim`: the claim a volume mounts.
    public struct ClaimSource: Codable, Sendable, Hashable {
        public var claimName: String
    }

    /// `secret`: the Secret a volume mounts.
    public struct SecretSource: Codable, Sendable, Hashable {
        public var secretName: String?
        public var optional: Bool?
    }
}

/// The name of a container in a pod: a DNS label (lowercase, digits, '-', at most 63).
public struct ContainerName: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// Validates `value` as a DNS-1123 label.
    public init(_ value: String) throws(ValueError) {
        guard DNSLabel.isValid(value) else {
            throw ValueError(problem: "\"\(value)\" is not a container name.",
                             remedy: "Container names are lowercase letters, digits and '-', at most 63 characters.")
        }
        self.value = value
    }

    public var description: String { value }
}

/// The DNS-1123 label rule Kubernetes applies to most names.
public enum DNSLabel {
    /// Whether `text` is 1-63 lowercase letters, digits or '-', starting and ending alphanumeric.
    public static func isValid(_ text: String) -> Bool {
        guard (1...63).contains(text.count), let first = text.first, let last = text.last,
              first.isLowercaseAlphanumeric, last.isLowercaseAlphanumeric else { return false }
        return text.allSatisfy { $0.isLowercaseAlphanumeric || $0 == "-" }
    }
}

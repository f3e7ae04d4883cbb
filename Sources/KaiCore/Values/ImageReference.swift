/// A container image reference: `[registry[:port]/]path[:tag][@sha256:digest]`.
///
/// kai insists on a tag or a digest: deploying an implicit `latest` is how clusters end
/// up running something nobody chose.
///
/// ```swift
/// let image = try ImageReference("ghcr.io/acme/todo-backend:2.0")
/// ```
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    public let registry: String?
    public let path: String
    public let tag: String?
    public let digest: String?

    /// Parses and validates `text` by the Docker distribution reference grammar.
    /// `requireTag: false` accepts an untagged name, for images read back from the cluster.
    public init(_ text: String, requireTag: Bool = true) throws(ValueError) {
        let invalid = { (why: String) in
            ValueError(problem: "\"\(text)\" is not a valid image reference: \(why).",
                       remedy: "Write it as name:tag, e.g. todo-backend:2.0 or ghcr.io/acme/todo-backend:2.0.")
        }
        guard !text.isEmpty, text.count <= 255 else { throw invalid("it must have 1 to 255 characters") }
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let value = String(rest[rest.index(after: at)...])
            guard Self.isDigest(value) else { throw invalid("the digest must be sha256: followed by 64 hex digits") }
            digest = value
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let value = String(rest[rest.index(after: colon)...])
            guard Self.isTag(value) else { throw invalid("the tag \"\(value)\" may hold letters, digits, '_', '.' and '-' (at most 128)") }
            tag = value
            rest = rest[..<colon]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var registry: String?
        if components.count > 1, let first = components.first,
           first.contains(".") || first.contains(":") || first == "localhost" {
            guard Self.isRegistry(first) else { throw invalid("\"\(first)\" is not a registry host") }
            registry = first
            components.removeFirst()
        }
        guard !components.isEmpty, components.allSatisfy(Self.isPathComponent) else {
            throw invalid("the name must be lowercase letters and digits, separated by '.', '_', '-' or '/'")
        }
        guard tag != nil || digest != nil || !requireTag else {
            throw ValueError(problem: "The image \"\(text)\" names no tag, so it would run whatever \"latest\" is at the time.",
                             remedy: "Name the version, e.g. \(text):2.0.")
        }
        self.registry = registry
        self.path = components.joined(separator: "/")
        self.tag = tag
        self.digest = digest
    }

    /// The reference as written: registry, path, tag and digest.
    public var description: String {
        var text = registry.map { "\($0)/" } ?? ""
        text += path
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// Whether `text` looks like an image reference with a tag or digest, without throwing.
    /// The grammar uses this to tell an image apart from a deployment name.
    public static func looksLikeImage(_ text: String) -> Bool {
        (text.contains(":") || text.contains("@")) && (try? ImageReference(text)) != nil
    }

    private static func isPathComponent(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last,
              first.isLowercaseAlphanumeric, last.isLowercaseAlphanumeric else { return false }
        var previousWasSeparator = false
        for character in text {
            if character.isLowercaseAlphanumeric {
                previousWasSeparator = false
            } else if "._-".contains(character) {
                // "__" is allowed by the grammar, other doubled separators are not; keep it simple and strict.
                if previousWasSeparator && character != "_" && character != "-" { return false }
                previousWasSeparator = true
            } else {
                return false
            }
        }
        return true
    }

    private static func isRegistry(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let host = parts.first, !host.isEmpty,
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit) }
        return true
    }

    private static func isTag(_ text: String) -> Bool {
        guard let first = text.first, (1...128).contains(text.count),
              first.isASCII, first.isLetter || first.isNumber || first == "_" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    private static func isDigest(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.dropFirst("sha256:".count)
        return hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}

extension Character {
    var isLowercaseAlphanumeric: Bool { isASCII && (isLowercase || isNumber) }
    var isASCIIDigit: Bool { isASCII && isNumber }
}

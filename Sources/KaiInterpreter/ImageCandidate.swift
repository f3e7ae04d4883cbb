import KaiCore

/// kubectl writes `set image deployment/backend backend=todo-backend:2.0`: a container, '=', an image.
enum ImageCandidate {
    /// The image part of `word`: after the '=' when there is one.
    static func text(of word: String) -> String {
        guard let equals = word.firstIndex(of: "="), !word.hasPrefix("-") else { return word }
        return String(word[word.index(after: equals)...])
    }

    /// The container part of `container=image`, when `word` has that shape.
    static func container(of word: String) -> String? {
        guard let equals = word.firstIndex(of: "="), !word.hasPrefix("-") else { return nil }
        let image = String(word[word.index(after: equals)...])
        return ImageReference.looksLikeImage(image) ? String(word[..<equals]) : nil
    }
}

/// A version said without its image: "1.2.0", "v1.22", "1.26" — the same repository with that tag.
enum VersionTag {
    /// Whether `word` is a version: digits with at least one dot, an optional leading "v", an optional "-suffix".
    static func looksLikeVersion(_ word: String) -> Bool {
        var body = Substring(word)
        if body.hasPrefix("v") { body = body.dropFirst() }
        let core = body.split(separator: "-", maxSplits: 1).first ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}

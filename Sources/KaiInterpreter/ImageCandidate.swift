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

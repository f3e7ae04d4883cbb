/// A label selector as kubectl writes it: `app.kubernetes.io/component=backend,tier!=cache`.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    /// Validates `text`: comma-separated `key=value`, `key!=value`, `key` or `!key` terms.
    public init(_ text: String) throws(ValueError) {
        try SelectorSyntax.validate(text, what: "label selector", example: "app.kubernetes.io/component=backend")
        self.text = text
    }

    /// A selector that matches all of `labels` (sorted by key, so the text is stable).
    public init(matching labels: [String: String]) {
        self.text = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    public var description: String { text }
}

/// A field selector as kubectl writes it: `status.phase!=Running`.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    /// Validates `text`: comma-separated `field=value` or `field!=value` terms.
    public init(_ text: String) throws(ValueError) {
        try SelectorSyntax.validate(text, what: "field selector", example: "status.phase!=Running", requireValue: true)
        self.text = text
    }

    public var description: String { text }
}

enum SelectorSyntax {
    static func validate(_ text: String, what: String, example: String, requireValue: Bool = false) throws(ValueError) {
        let terms = text.split(separator: ",", omittingEmptySubsequences: false)
        for term in terms {
            let parts = term.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            var key = parts[0]
            if key.hasSuffix("!") || key.hasSuffix("=") { key = key.dropLast() }
            if parts.count == 1, key.hasPrefix("!") { key = key.dropFirst() }
            let value = parts.count == 2 ? parts[1].drop { $0 == "=" } : ""
            let keyOK = !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-/".contains($0)) }
            let valueOK = value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
            guard keyOK, valueOK, !requireValue || parts.count == 2 else {
                throw ValueError(problem: "\"\(text)\" is not a valid \(what).",
                                 remedy: "Write it as kubectl does, e.g. \(example).")
            }
        }
    }
}

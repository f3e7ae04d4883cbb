import Foundation

/// A label or field selector as the API accepts it, parsed into requirements.
///
/// Label selectors support `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` and `!k`;
/// field selectors support `=`, `==` and `!=` on dotted paths.
struct Selector: Sendable {
    enum Requirement: Sendable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    let requirements: [Requirement]

    static let everything = Selector(requirements: [])

    /// Parses `text`; an empty string selects everything.
    init(label text: String) throws(APIError) {
        var requirements: [Requirement] = []
        for term in Self.terms(text) {
            let term = term.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            if let range = term.range(of: " notin ") ?? term.range(of: " in ") {
                let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let list = term[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard list.hasPrefix("("), list.hasSuffix(")") else { throw APIError.badRequest("unable to parse requirement: \(term)") }
                let values = Set(list.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                requirements.append(term.contains(" notin ") ? .notIn(key, values) : .isIn(key, values))
            } else {
                requirements.append(try Self.comparison(term, allowExistence: true))
            }
        }
        self.requirements = requirements
    }

    /// Parses a field selector such as `status.phase!=Running,metadata.name=x`.
    init(field text: String) throws(APIError) {
        var requirements: [Requirement] = []
        for term in text.split(separator: ",") where !term.trimmingCharacters(in: .whitespaces).isEmpty {
            requirements.append(try Self.comparison(term.trimmingCharacters(in: .whitespaces), allowExistence: false))
        }
        self.requirements = requirements
    }

    private init(requirements: [Requirement]) { self.requirements = requirements }

    /// Splits at commas that are not inside `( )`.
    private static func terms(_ text: String) -> [String] {
        var terms: [String] = [], current = "", depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 { terms.append(current); current = "" } else { current.append(character) }
        }
        terms.append(current)
        return terms
    }

    private static func comparison(_ term: String, allowExistence: Bool) throws(APIError) -> Requirement {
        if let range = term.range(of: "!=") ?? term.range(of: "==") ?? term.range(of: "=") {
            let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = term[range.upperBound...].trimmingCharacters(in: .whitespaces)
            // A key is required, and a value holds no operator characters: `a===b` and `=x` are not selectors.
            guard !key.isEmpty, !value.contains(where: { "=!".contains($0) }) else {
                throw APIError.badRequest("unable to parse requirement: \(term)")
            }
            return term[range] == "!=" ? .notEquals(key, value) : .equals(key, value)
        }
        guard allowExistence, !term.isEmpty else { throw APIError.badRequest("invalid selector: '\(term)'; can't understand '\(term)'") }
        return term.hasPrefix("!") ? .doesNotExist(String(term.dropFirst())) : .exists(term)
    }

    /// Whether `value(key)` meets every requirement; a missing key reads as nil.
    func matches(_ value: (String) -> String?) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let wanted): value(key) == wanted
            case .notEquals(let key, let unwanted): value(key) != unwanted
            case .isIn(let key, let set): value(key).map(set.contains) ?? false
            case .notIn(let key, let set): !(value(key).map(set.contains) ?? false)
            case .exists(let key): value(key) != nil
            case .doesNotExist(let key): value(key) == nil
            }
        }
    }
}

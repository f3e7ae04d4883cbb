import Foundation
import KaiCore

/// A model's text answer that refuses the request, as the system prompt asks it to refuse: a sentence
/// that says kai cannot do it, then what it can do instead ("kai cannot delete deployments; it can
/// scale backend to 0, which stops it and can be undone."). It ends as a refusal (exit 4), not an answer.
enum ModelRefusal {
    /// How a refusal begins; an answer that only says kai cannot see a problem does not begin so.
    static let openings = ["kai cannot ", "kai can't ", "kai can’t ", "kai can not ", "kai is not able to ", "kai isn't able to "]

    /// The refusal `text` is, or nil when it is an answer.
    static func refusal(in text: String) -> Refusal? {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard openings.contains(where: { text.lowercased().hasPrefix($0) }) else { return nil }
        guard let end = text.firstIndex(where: { ";.\n".contains($0) }) else {
            return Refusal(reason: text, alternative: fallback)
        }
        let reason = String(text[...end]).replacingOccurrences(of: ";", with: ".")
        let rest = text[text.index(after: end)...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = rest.first else { return Refusal(reason: reason, alternative: fallback) }
        return Refusal(reason: reason, alternative: first.uppercased() + rest.dropFirst())
    }

    static let fallback = "Rephrase the request as one of kai's operations (kai --help lists them)."
}

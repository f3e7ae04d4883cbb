import KaiCore

/// What a request names and whether it asks for a change, read clause by clause without planning it:
/// the ground a model's plan is checked against before anyone confirms it.
///
/// ```swift
/// let survey = RequestSurvey("why is the api failing?", vocabulary: vocabulary)
/// // survey.named: [backend -> todo-chatbot-backend], survey.asksForChange: false
/// ```
public struct RequestSurvey: Sendable, Hashable {
    /// The cluster's objects the request names, by exact name, role, role word or a unique prefix, in order.
    public let named: [Vocabulary.Name]
    /// Whether some clause asks for a change (an imperative, a request, a terse order) rather than
    /// asking a question, asking for a diagnosis or a read, or only mentioning a change (past,
    /// negated, asked about, reported, conditional), as ``ClauseIntent`` reads them.
    public let asksForChange: Bool

    /// Surveys `request` against the names in `vocabulary`.
    public init(_ request: String, vocabulary: Vocabulary) {
        let (tokens, _) = TypoReader.correct(Tokenizer.tokenize(request), vocabulary: vocabulary)
        let clauses = LocalGrammar.clauses(of: tokens)
        let spotter = NameSpotter(vocabulary: vocabulary)
        var named: [Vocabulary.Name] = []
        for name in clauses.flatMap({ spotter.spots(in: $0, namespace: nil).map(\.name) })
        where !named.contains(where: { $0.object == name.object && $0.namespace == name.namespace }) {
            named.append(name)
        }
        self.named = named
        self.asksForChange = Self.asksForChange(clauses)
    }

    /// A change is asked for when a clause orders one; a request whose change words are all mentions
    /// asks for none; one with no change word asks for one when it says to act ("fix it"), and for none
    /// when every clause is a question or a look.
    static func asksForChange(_ clauses: [Clause]) -> Bool {
        let naming = clauses.filter { $0.containsAny(ChangeGuard.changeWords) || $0.containsAny(ClauseIntent.pastForms) }
        if naming.contains(where: { ClauseIntent.of($0) == .request }) { return true }
        if !naming.isEmpty { return false }
        // "fix it", "act on them": a change asked for without naming which.
        if clauses.contains(where: { $0.containsAny(actingWords) && !$0.containsAny(["not", "dont", "without", "never", "no"]) }) { return true }
        return !clauses.allSatisfy { $0.isQuestion || lookingWords.contains($0.text(0)) }
    }

    /// Words that ask kai to act without saying how.
    static let actingWords: Set<String> = ["act", "fix", "resolve", "repair", "remediate", "mitigate", "handle", "sort"]

    /// Words that open a question or a request to look rather than act: "why …", "check …", "status of …".
    private static let lookingWords: Set<String> = Lexicon.list.union(Lexicon.describe).union(Lexicon.inquiry).union(Lexicon.diagnose)
        .union(Lexicon.logs).union(Lexicon.events).union(Lexicon.history)
        .union(["why", "what", "what's", "whats", "how", "how's", "hows", "is", "are", "does", "do", "did", "has", "have", "was", "were",
                "who", "when", "where", "which", "tell", "explain", "can", "could", "any", "anything", "look", "find", "watch"])
        .subtracting(["give", "use", "using", "kick"])
}

/// Whether a clause asks for the change it names or only mentions it.
///
/// A clause asks for a change when it says it as an imperative ("restart the backend"), a request
/// ("can you restart it", "I'd like the database restarted") or a terse order ("backend to 3
/// replicas"). It only mentions one when it speaks of the past ("the restart failed", "after the
/// rollback", "someone scaled it"), negates it, asks about it ("should I scale?", "what would a
/// rollback do"), makes it depend on a condition, or quotes or reports someone else's words.
enum ClauseIntent: Equatable {
    case request
    /// The clause mentions a change without asking for it; says why.
    case mention(String)

    static func of(_ clause: Clause) -> ClauseIntent {
        guard let trigger = clause.tokens.firstIndex(where: { ChangeGuard.changeWords.contains($0.text) || pastForms.contains($0.text) }) else {
            return .request
        }
        if let negation = ChangeGuard.negation(in: clause) { return .mention(negation) }
        if clause.tokens.contains(where: { $0.quoted && (ChangeGuard.changeWords.contains($0.text) || pastForms.contains($0.text)) }) {
            return .mention("it quotes a change rather than asking for one")
        }
        let before = clause.tokens[..<trigger].map(\.text)
        if before.contains(where: reportingWords.contains) {
            return .mention("it reports what someone said or suggested; ask for the change yourself to plan it")
        }
        if let reason = condition(clause) ?? pastOrReported(clause, trigger: trigger, before: before) ?? question(clause) {
            return .mention(reason)
        }
        if ["cancel", "abort", "stop", "halt", "interrupt"].contains(clause.text(0)), trigger > 0 {
            return .mention("it asks to stop a change in progress, which kai cannot do; \"rollout status\" shows where it is")
        }
        if trigger <= 1, reported.contains(clause.text(trigger + 1)), !["pod", "pods"].contains(clause.text(trigger + 2)) {
            // "kubectl scale worked but…", "restart failed again": the change word names what happened.
            return .mention("it says how a change went, not what to do now")
        }
        if isNoun(clause, trigger: trigger, before: before) {
            return .mention("it speaks of a \(clause.text(trigger)) rather than asking for one")
        }
        return .request
    }

    /// Whether the clause asks how or whether to make a change ("how do I upgrade the db image?"), so that a
    /// following "just do it" asks for exactly that change.
    static func asksAbout(_ clause: Clause) -> Bool { question(clause) != nil }

    /// Whether the clause only says to go ahead: "just do it for me", "go ahead", "yes, do that".
    static func isGoAhead(_ clause: Clause) -> Bool {
        let words: Set<String> = ["just", "please", "pls", "do", "it", "that", "for", "me", "us", "go", "ahead", "and", "yes", "yeah",
                                  "ok", "okay", "then", "sure", "make", "so", "now", ","]
        return clause.tokens.allSatisfy { words.contains($0.text) } && hasGoAheadPhrase(clause)
    }

    /// Whether the clause holds a phrase that says to make the change just asked about: "do it", "go ahead",
    /// "please proceed".
    static func hasGoAheadPhrase(_ clause: Clause) -> Bool { goAheadPhrases.contains(where: clause.hasPhrase) }

    private static let goAheadPhrases = ["do it", "do that", "go ahead", "make it so", "please proceed"]

    /// Past forms of change verbs: "restarted", "scaled", "rolled back".
    static let pastForms: Set<String> = [
        "restarted", "scaled", "rescaled", "rolled", "reverted", "redeployed", "deployed", "bumped", "deleted", "killed",
        "updated", "upgraded", "downgraded", "changed", "autoscaled", "removed", "rebooted", "bounced", "recycled",
        "terminated", "evicted", "stopped", "reloaded", "kicked", "nuked", "destroyed", "increased", "decreased", "reduced",
        "raised", "lowered", "shrunk", "grew", "doubled", "halved", "undid", "reverted", "rolledback",
    ]

    private static let reportingWords: Set<String> = [
        "says", "said", "saying", "suggests", "suggested", "suggesting", "recommends", "recommended", "told", "tells",
        "asked", "asks", "asking", "mentioned", "mentions", "claims", "claimed", "reads", "wrote", "writes", "proposed", "proposes",
    ]

    /// Whether the clause opens with a condition ("if postgres is down", "when it fails"), on which the rest of its sentence depends.
    static func opensCondition(_ clause: Clause) -> Bool {
        ["if", "unless", "when", "whenever", "once", "in case"].contains { clause.hasPhrase($0) && clause.index(ofPhrase: $0.split(separator: " ").map(String.init)) == 0 }
    }

    /// "if the backend is down, restart it", "restart it unless …", "when it fails, roll back".
    private static func condition(_ clause: Clause) -> String? {
        let startsWithCondition = conditionOpeners.contains(clause.text(0)) && !(clause.text(0) == "in" && clause.text(1) != "case")
        guard clause.containsAny(conditionWords) || startsWithCondition || clause.hasPhrase("in case") else { return nil }
        return "kai does not plan changes that depend on a condition; check first (e.g. \"diagnose backend\"), then ask for the change"
    }

    /// "the backend was restarted", "someone scaled it", "I restarted the frontend", "since the rollback …".
    private static func pastOrReported(_ clause: Clause, trigger: Int, before: [String]) -> String? {
        if pastOpeners.contains(clause.text(0)), clause.text(1) != "that" {
            return "it speaks of an earlier change; ask for a change as a request, e.g. \"restart backend\""
        }
        if let past = clause.tokens.firstIndex(where: { pastForms.contains($0.text) }),
           !clause.tokens[..<past].contains(where: { asking.contains($0.text) }) {
            return "it says what was done, not what to do now"
        }
        var index = trigger - 1
        while index >= 0, auxiliaries.contains(clause.text(index)) { index -= 1 }
        if index >= 0, subjects.contains(clause.text(index)) {
            return "it says what someone did or does, not what kai should do now"
        }
        // "I ran rollout undo on the ui", "we tried a restart": a subject with a past verb before the change word.
        if let subject = before.firstIndex(where: { ["i", "we", "someone", "somebody", "they", "he", "she"].contains($0) }),
           before[(subject + 1)...].prefix(2).contains(where: pastVerbs.contains) {
            return "it says what someone did, not what kai should do now"
        }
        if ["who", "did", "was", "were"].contains(clause.text(0)) || ["did someone", "has anyone", "has someone", "have you", "did you", "did anyone"].contains(where: clause.hasPhrase) {
            return "it asks what happened, not for a change; \"events\" or \"rollout history\" show past changes"
        }
        return nil
    }

    /// "should I scale?", "what would a rollback do", "is it safe to restart", "can I delete the pod?".
    private static func question(_ clause: Clause) -> String? {
        let hypotheticalWould = clause.tokens.indices.contains { clause.text($0) == "would" && !["you", "i", "we"].contains(clause.text($0 - 1)) }
        // "restart or scale?": a question that weighs changes asks which, it orders none.
        let weighs = clause.isQuestion && clause.contains("or")
        guard questionPhrases.contains(where: clause.hasPhrase) || hypotheticalWould || weighs else { return nil }
        return "it asks about a change rather than asking kai to make it; to plan it, say it as a request, e.g. \"restart backend\""
    }

    /// "the frontend restart failed", "did the rollback work?": the change word names an event, and the
    /// clause says something about it instead of ordering it ("do a rolling restart" still orders one).
    private static func isNoun(_ clause: Clause, trigger: Int, before: [String]) -> Bool {
        let window = before.suffix(3)
        guard window.contains(where: determiners.contains), !before.contains(where: orders.contains) else { return false }
        return clause.isQuestion || clause.tokens[(trigger + 1)...].contains { statements.contains($0.text) }
            || before.contains(where: statements.contains)
    }

    // Word lists, built once.
    private static let reported: Set<String> = ["worked", "failed", "succeeded", "broke", "hung", "completed", "finished", "timed", "went", "did"]
    private static let conditionWords: Set<String> = ["if", "unless", "whenever", "otherwise"]
    private static let conditionOpeners: Set<String> = ["when", "once", "until", "in"]
    private static let pastOpeners: Set<String> = ["since", "after", "before", "following", "because", "ever", "as", "while", "during"]
    private static let asking: Set<String> = ["want", "wants", "need", "needs", "like", "get", "have", "please", "pls", "needed"]
    private static let subjects: Set<String> = ["i", "someone", "somebody", "they", "he", "she", "anyone", "nobody", "who", "it", "team", "ci"]
    private static let auxiliaries: Set<String> = ["am", "is", "are", "was", "were", "been", "be", "has", "had", "have", "keeps", "kept", "will", "would",
        "might", "may", "already", "just", "accidentally", "also", "recently", "manually", "never"]
    private static let pastVerbs: Set<String> = ["ran", "did", "tried", "made", "gave", "started", "triggered", "applied", "issued", "performed", "pushed"]
    private static let determiners: Set<String> = ["the", "a", "an", "this", "that", "last", "previous", "recent", "its", "my", "our", "your",
        "their", "his", "her", "latest", "yesterday", "today", "earlier", "first"]
    private static let orders: Set<String> = ["do", "perform", "trigger", "run", "start", "initiate", "kick", "give", "issue", "try", "schedule", "make",
        "want", "need", "like", "request", "please", "go", "let", "can", "could", "would", "will", "us", "plan"]
    private static let statements: Set<String> = ["failed", "fails", "fail", "broke", "broken", "breaks", "happened", "was", "were", "is", "did", "went",
        "caused", "worked", "work", "works", "hung", "stuck", "took", "completed", "finished", "succeeded",
        "helped", "help", "fixed", "fix", "left", "made", "seems", "seemed", "done", "hang", "timed"]
    private static let questionPhrases = ["what would", "what happens if", "what happens when", "what if", "what does", "how do i", "how do you", "how to",
                       "how would", "how can i", "should i", "should we", "is it safe", "is it ok", "is it okay", "is it possible",
                       "is it a good idea", "ok to", "okay to", "can kai", "could kai", "does kai", "is kai", "would it", "explain",
                       "tell me how", "can i", "could i", "may i", "do i need", "do we need", "is it worth", "worth", "why would",
                       "how often", "when should", "would you recommend", "is there a way", "safe to", "a good idea"]
}

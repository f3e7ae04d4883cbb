/// Requests that mention a change without asking for one: negations ("don't restart the
/// backend"), questions and hypotheticals ("can kai scale to 0?", "what would a rollback
/// change"), conditions ("if postgres is down, delete its pod") and second thoughts ("scale to
/// 0? no wait"). kai plans no change from these.
enum ChangeGuard {
    /// Words that signal a change operation.
    static let changeWords: Set<String> = Lexicon.restart.union(Lexicon.rollback).union(Lexicon.autoscale).union(Lexicon.delete)
        .union(Lexicon.stop).union(["scale", "scaled", "scaling", "rescale", "set", "update", "change", "upgrade", "bump",
                                    "increase", "decrease", "reduce", "raise", "lower", "roll", "undo", "deploy", "shut"])

    /// Why a clause that negates a change ("don't restart", "stop restarting") must not be planned.
    static func negation(in clause: Clause) -> String? {
        let verbs = clause.tokens.indices.filter { changeWords.contains(clause.text($0)) }
        let negated = verbs.contains { verb in
            (max(0, verb - 3)..<verb).contains { ["not", "never", "dont", "without", "no"].contains(clause.text($0)) }
                || (["stop", "quit", "cease"].contains(clause.text(verb - 1)) && clause.text(verb).hasSuffix("ing"))
        }
        guard negated || (!verbs.isEmpty && clause.hasPhrase("do not")) else { return nil }
        return "it says not to make a change, and kai never plans a change it was told not to make"
    }

    /// Why a request whose plan holds a change was not really asking for it, or nil when it was.
    static func objection(toRequest tokens: [Token]) -> String? {
        let request = Clause(tokens)
        let words = tokens.map(\.text)
        if ["who", "did", "was", "were"].contains(words.first ?? "") || request.hasPhrase("did someone") || request.hasPhrase("has anyone") {
            return "it asks what happened, not for a change; \"events\" or \"rollout history\" show past changes"
        }
        if ["if", "when", "unless", "once", "whenever"].contains(words.first ?? "") || request.hasPhrase("only if")
            || request.hasPhrase("in case") {
            return "kai does not plan changes that depend on a condition; check first (e.g. \"diagnose backend\"), then ask for the change"
        }
        let secondThoughts = ["no wait", "never mind", "nevermind", "scratch that", "actually no", "on second thought", "wait no"]
        if secondThoughts.contains(where: request.hasPhrase) {
            return "it changes its mind part-way; say only what you want done"
        }
        let questions = ["what would", "what happens if", "what if", "what does", "how do i", "how do you", "how to", "how would",
                         "should i", "should we", "is it safe", "is it ok", "is it okay", "is it possible", "is it a good idea",
                         "ok to", "okay to", "can kai", "could kai", "does kai", "is kai", "would it", "explain", "tell me how"]
        let hypotheticalWould = words.indices.contains { words[$0] == "would" && !["you", "i", "we"].contains($0 > 0 ? words[$0 - 1] : "") }
        if questions.contains(where: request.hasPhrase) || hypotheticalWould {
            return "it asks about a change rather than asking kai to make it; to plan it, say it as a request, e.g. \"restart backend\""
        }
        return nil
    }

    /// Whether a clause only names what to leave alone: "but leave the backend alone", "except postgres".
    static func isExclusion(_ clause: Clause) -> Bool {
        guard !clause.containsAny(changeWords) else { return false }
        return clause.containsAny(["leave", "alone", "untouched", "except", "excluding", "skip"])
            || (clause.contains("touch") && clause.containsAny(["not", "dont", "never"]))
    }
}

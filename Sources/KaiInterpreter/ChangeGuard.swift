/// Requests that mention a change without asking for one: negations ("don't restart the
/// backend"), hypotheticals ("what would happen if I scaled to 0"), advice ("should I roll
/// back?") and conditions ("if it fails, restart it"). kai plans no change from these.
enum ChangeGuard {
    /// Words that signal a change operation.
    static let changeWords: Set<String> = Lexicon.restart.union(Lexicon.rollback).union(Lexicon.autoscale).union(Lexicon.delete)
        .union(Lexicon.stop).union(["scale", "scaled", "scaling", "rescale", "set", "update", "change", "upgrade", "bump",
                                    "increase", "decrease", "reduce", "raise", "lower", "roll", "undo", "deploy", "shut"])

    /// Why the clause must not become a change, or nil when it is an ordinary request.
    static func objection(to clause: Clause) -> String? {
        let verbs = clause.tokens.indices.filter { changeWords.contains(clause.text($0)) }
        guard let first = verbs.first else { return nil }
        let negated = verbs.contains { verb in
            (max(0, verb - 3)..<verb).contains { ["not", "never", "dont", "without", "no"].contains(clause.text($0)) }
                || (["stop", "quit", "cease"].contains(clause.text(verb - 1)) && clause.text(verb).hasSuffix("ing"))
        }
        if negated || clause.hasPhrase("do not") {
            return "it says not to make a change, and kai never plans a change it was told not to make"
        }
        let word = clause.text(first)
        let hypothetical = ["what would", "what happens if", "what happened if", "what if", "what does", "how do i", "how do you",
                            "how to", "how would", "should i", "should we", "is it safe", "would it", "explain"]
        if hypothetical.contains(where: clause.hasPhrase) {
            return "it asks about \"\(word)\" rather than asking kai to do it; to plan it, say it as a request, e.g. \"restart backend\""
        }
        if clause.text(0) == "if" || clause.text(0) == "when" || clause.text(0) == "unless" || clause.hasPhrase("only if") {
            return "kai does not plan changes that depend on a condition; check first (e.g. \"diagnose backend\"), then ask for the change"
        }
        return nil
    }
}

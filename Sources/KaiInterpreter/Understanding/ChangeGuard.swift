/// The words of changes, and the clauses that refuse or take one back: negations ("don't restart
/// the backend"), second thoughts ("scale to 0? no wait") and exclusions ("but leave the api alone").
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

    /// Whether a clause only takes back what came before it: "no", "actually don't", "never mind", "scratch that".
    static func isRetraction(_ clause: Clause) -> Bool {
        let words: Set<String> = ["no", "nope", "nah", "actually", "wait", "never", "mind", "nevermind", "scratch", "that", "forget", "it",
                                  "cancel", "hold", "on", "off", "second", "thought", "do", "not", "dont", "now", "sorry", "oh", "hmm",
                                  "um", "uh", "please", "thanks", "this", "yet", ",", "that's", "wrong", "bad", "idea", "one"]
        let takingBack: Set<String> = ["no", "nope", "nah", "nevermind", "never", "scratch", "forget", "cancel", "not", "dont", "hold"]
        if !clause.tokens.isEmpty && clause.tokens.allSatisfy({ words.contains($0.text) }) && clause.containsAny(takingBack) { return true }
        // "sorry, ignore that", "actually hold off until QA signs off", "hmm no, leave it"
        let openers: Set<String> = ["actually", "sorry", "wait", "hmm", "no", "nope", "nah", "jk", "oops", "oh"]
        let backing: Set<String> = ["hold", "ignore", "not", "dont", "leave", "cancel", "never", "scratch", "forget", "no", "nope", "nah", "kidding", "jk"]
        return openers.contains(clause.text(0)) && clause.tokens.prefix(4).contains { backing.contains($0.text) }
    }

    /// Whether a clause changes its mind part-way: "restart it, no wait", "scale to 0 actually no".
    static func takesBack(_ clause: Clause) -> Bool {
        ["no wait", "wait no", "never mind", "nevermind", "scratch that", "actually no", "actually do not", "actually dont",
         "on second thought", "forget it", "cancel that", "on second thoughts", "hmm no", "leave it", "ignore that", "jk",
         "just kidding", "hold off", "not now", "no leave"].contains(where: clause.hasPhrase)
    }

    /// Whether a clause only names what to leave alone: "but leave the backend alone", "except postgres".
    static func isExclusion(_ clause: Clause) -> Bool {
        guard !clause.containsAny(changeWords) else { return false }
        return clause.containsAny(["leave", "alone", "untouched", "except", "excluding", "skip"])
            || (clause.contains("touch") && clause.containsAny(["not", "dont", "never"]))
    }
}

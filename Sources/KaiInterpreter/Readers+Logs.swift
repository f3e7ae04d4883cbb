import KaiCore

extension ClauseParser {
    /// "last 200 lines", "tail 50", "--tail=50", "tail -n 50", "last 50".
    mutating func readTail() throws(ValueError) -> TailLines? {
        for index in clause.tokens.indices where clause.tokens[index].isNumeric && !clause.isUsed(index) {
            let next = clause.text(index + 1)
            let previous = clause.text(index - 1)
            if ["lines", "line", "entries", "messages", "rows"].contains(next) {
                clause.use(index, index + 1)
                return try TailLines(clause.tokens[index].wholeNumber(for: "number of log lines"))
            }
            if ["tail", "--tail", "last", "-n"].contains(previous) && DurationReader.unitSeconds[next] == nil {
                clause.use(index - 1, index)
                return try TailLines(clause.tokens[index].wholeNumber(for: "number of log lines"))
            }
        }
        return nil
    }

    /// "since 5m", "last 10 minutes", "past hour", "--since=1h".
    mutating func readSince() throws(ValueError) -> LogWindow? {
        guard let found = DurationReader.find(in: clause) else {
            if let since = clause.firstIndex(of: ["since", "--since"]), let value = clause[since + 1], !clause.isUsed(since + 1) {
                throw ValueError(problem: "\"\(value.raw)\" is not a time window kai can read.",
                                 remedy: "Write it as a length of time, e.g. \"since 10m\", \"since 2h\" or \"last 30 minutes\".")
            }
            return nil
        }
        clause.use(found.range)
        return try LogWindow(seconds: found.seconds)
    }

    /// "previous", "--previous", "-p", "before it crashed", "last crash".
    mutating func readPrevious() -> Bool {
        let words: Set<String> = ["previous", "prev", "prior", "--previous", "-p", "crashed", "earlier"]
        if clause.containsAny(words) || clause.hasPhrase("last crash") || clause.hasPhrase("before the crash")
            || clause.hasPhrase("before it restarted") || clause.hasPhrase("before it crashed") {
            clause.useAll(words.union(["crash", "before", "restarted"]))
            return true
        }
        return false
    }

    /// "container migrate", "-c migrate", "--container=migrate", "the migrate container".
    mutating func readContainer() throws(ValueError) -> ContainerName? {
        if let flag = clause.firstIndex(of: ["container", "-c", "--container"]), let name = clause[flag + 1],
           !clause.isUsed(flag + 1), !Lexicon.nonTargetWords.contains(name.text) {
            clause.use(flag, flag + 1)
            return try ContainerName(name.text)
        }
        if let word = clause.firstIndex(of: ["container"]), let name = clause[word - 1],
           !clause.isUsed(word - 1), !Lexicon.nonTargetWords.contains(name.text), !name.isNumeric {
            clause.use(word - 1, word)
            containerWord = name.text
            return try ContainerName(name.text)
        }
        for token in clause.tokens {
            if let container = ImageCandidate.container(of: token.raw) { return try ContainerName(container.lowercased()) }
        }
        return nil
    }
}

import KaiCore

/// The steps a request's clauses add up to, read one clause at a time: what each asks for, what it
/// only mentions, what a later clause takes back, and what kai should tell the person it understood.
struct RequestReading {
    let vocabulary: Vocabulary?
    /// How many clauses the request has: a negation in a longer request names what to leave alone.
    let clauseCount: Int
    /// What the person should see before confirming.
    var notes: [String] = []
    private var steps: [DraftStep] = []
    private var unchanged: [TargetPhrase] = []
    /// The targets the latest clause named (with their namespaces), for "it", "them" and steps that name none.
    private var previousTargets: [Referent] = []
    /// The steps the latest clause added, which a retraction ("? no", "actually don't") takes back.
    private var latestSteps: [DraftStep] = []
    private var mentions: [(clause: Clause, why: String)] = []
    /// The changes the latest question asked about ("how do I upgrade the db image to …?"), which a
    /// following "just do it" asks for.
    private var askedAbout: [DraftStep] = []
    /// The sentence whose opening clause set a condition ("if postgres is down, …"): its later clauses depend on it.
    private var conditionalSentence: Int?
    private var context: [String] = []

    init(vocabulary: Vocabulary?, clauseCount: Int) {
        self.vocabulary = vocabulary
        self.clauseCount = clauseCount
    }

    /// Reads one clause; returns an interpretation when it settles the whole request (a refusal, or a clause kai cannot read).
    mutating func read(_ clause: Clause) throws(ValueError) -> Interpretation? {
        if ClauseIntent.isGoAhead(clause), !askedAbout.isEmpty {
            // "How do I upgrade the db image to postgres:17? Just do it for me": the change asked about, now asked for.
            notes.append("planned what \"\(mentions.last?.clause.rawText ?? "")\" asked about, as \"\(clause.rawText)\" says")
            mentions.removeLast()
            latestSteps = askedAbout.filter { !Self.repeats($0, in: steps) }
            steps += latestSteps
            askedAbout = []
            return nil
        }
        if ChangeGuard.isRetraction(clause) {
            takeBackLatest(because: clause)
            return nil
        }
        let negation = ChangeGuard.negation(in: clause)
        if ChangeGuard.isExclusion(clause) || (negation != nil && clauseCount > 1) {
            let targets = namedTargets(clause) ?? ClauseParser(clause).targetGroups().map { Referent(target: TargetPhrase(words: $0), namespace: nil) }
            unchanged += targets.map(\.target)
            if !targets.isEmpty { previousTargets = targets }
            return nil
        }
        var intent = ClauseIntent.of(clause)
        if ClauseIntent.opensCondition(clause) { conditionalSentence = clause.sentence }
        if conditionalSentence == clause.sentence, case .request = intent {
            intent = .mention("kai does not plan changes that depend on a condition; check first (e.g. \"diagnose backend\"), then ask for the change")
        }
        if ChangeGuard.takesBack(clause) { intent = .mention("it takes the change back part-way; say only what you want done") }
        var parser = ClauseParser(clause, vocabulary: vocabulary)
        if case .mention(let why) = intent {
            // A mention plans no change, and a value it gets wrong ("to 1.24") is not the person's request either.
            let outcome = try? parser.parse()
            if case .steps(let drafts, _)? = outcome, !drafts.contains(where: \.operation.isChange) {
                return try read(drafts, from: clause, parser: parser)
            }
            mentions.append((clause, why))
            if let targets = namedTargets(clause) ?? outcome.flatMap(Self.referents), !targets.isEmpty { previousTargets = targets }
            if ClauseIntent.asksAbout(clause), case .steps(let drafts, _)? = outcome {
                askedAbout = Self.inheritTargets(drafts, from: previousTargets).filter(\.operation.isChange)
            }
            latestSteps = []
            return nil
        }
        switch try parser.parse() {
        case .refusal(let refusal): return .refusal(refusal)
        case .unsure(let why): return .unsure(clauseCount == 1 ? why : "in \"\(clause.rawText)\", \(why)")
        case .noOperation:
            guard vocabulary.map({ NameSpotter(vocabulary: $0).spots(in: clause, namespace: nil).isEmpty }) ?? true else {
                return .unsure("in \"\(clause.rawText)\", no operation word was recognised")
            }
            context.append(clause.rawText)
            return nil
        case .steps(let drafts, _):
            return try read(drafts, from: clause, parser: parser)
        }
    }

    /// Adds the steps of a clause that asks for them; a step that needs a target and names none takes the
    /// previous clause's, or else the words the clause did not place.
    private mutating func read(_ drafts: [DraftStep], from clause: Clause, parser: ClauseParser) throws(ValueError) -> Interpretation? {
        var resolved = Self.inheritTargets(drafts, from: previousTargets)
        for index in resolved.indices where resolved[index].target == nil && resolved[index].operation.targetRule.isRequired {
            resolved[index].target = parser.unplaced.first
        }
        let targets = Self.referents(of: resolved)
        if !targets.isEmpty { previousTargets = targets }
        notes += parser.notes
        latestSteps = resolved.filter { !Self.repeats($0, in: steps) }
        steps += latestSteps
        return nil
    }

    /// The cluster's objects a clause names, when the cluster's names are known.
    private func namedTargets(_ clause: Clause) -> [Referent]? {
        guard let vocabulary else { return nil }
        return NameSpotter(vocabulary: vocabulary).spots(in: clause, namespace: nil).map { spot in
            Referent(target: TargetPhrase(words: [spot.name.object]), namespace: spot.name.namespace == vocabulary.currentNamespace ? nil : spot.name.namespace)
        }
    }

    private static func referents(of outcome: ClauseParser.Outcome) -> [Referent]? {
        guard case .steps(let drafts, _) = outcome else { return nil }
        return referents(of: drafts)
    }

    private static func referents(of drafts: [DraftStep]) -> [Referent] {
        drafts.compactMap { draft in draft.target.map { Referent(target: $0, namespace: draft.namespace) } }
    }

    /// The interpretation of every clause read so far.
    func result() throws(ValueError) -> Interpretation {
        var steps = steps
        var notes = notes
        if steps.isEmpty {
            steps = try readsMentioned()
            guard !steps.isEmpty else {
                if let mention = mentions.first { return .unsure(mention.why) }
                if !unchanged.isEmpty { return .unsure("it only says what to leave alone") }
                return .unsure("no operation word was recognised")
            }
        }
        notes += mentions.map { "not planned: \"\($0.clause.rawText)\": \($0.why)" }
        if !context.isEmpty { notes.append("read as context, not as a request: \(context.map { "\"\($0)\"" }.joined(separator: ", "))") }
        return .steps(steps, unchanged: unchanged, notes: notes)
    }

    /// "no", "actually don't", "never mind": the latest clause's changes are dropped, its reads stay.
    private mutating func takeBackLatest(because clause: Clause) {
        let changes = latestSteps.filter(\.operation.isChange)
        guard !changes.isEmpty else { return }
        steps.removeAll { step in changes.contains(step) }
        mentions.append((clause, "it takes back \(changes.map { "\($0.operation)" }.joined(separator: ", ")) asked for just before"))
        latestSteps = []
    }

    /// When a request only mentions changes ("the frontend restart failed"), the reads its words still ask for
    /// ("failed": a diagnosis), with the change words set aside; steps that need a target and have none are left out.
    private func readsMentioned() throws(ValueError) -> [DraftStep] {
        var reads: [DraftStep] = []
        for (clause, _) in mentions {
            let words = clause.tokens.filter { !ChangeGuard.changeWords.contains($0.text) && !ClauseIntent.pastForms.contains($0.text) }
            var parser = ClauseParser(Clause(words, isQuestion: clause.isQuestion), vocabulary: vocabulary)
            guard case .steps(let drafts, _) = try parser.parse() else { continue }
            reads += drafts.filter { !$0.operation.isChange && ($0.target != nil || !$0.operation.targetRule.isRequired) && !Self.repeats($0, in: reads) }
        }
        return reads
    }

    /// "the backend is throwing 500s, what's going on": a whole-namespace read after the same read of
    /// one target adds nothing.
    static func repeats(_ step: DraftStep, in steps: [DraftStep]) -> Bool {
        steps.contains { $0 == step } || (step.target == nil && steps.contains { $0.operation == step.operation && $0.target != nil })
    }

    /// "scale backend to 3 and restart it", "the frontend restart failed, show events": a step that names no
    /// target acts on the previous clause's targets when it needs one, or when it is a read about one
    /// (events, a diagnosis, resources).
    static func inheritTargets(_ drafts: [DraftStep], from previous: [Referent]) -> [DraftStep] {
        guard !previous.isEmpty else { return drafts }
        let aboutOne: Set<OperationName> = [.events, .diagnose, .resources]
        return drafts.flatMap { draft -> [DraftStep] in
            guard draft.target == nil, draft.operation.targetRule.isRequired || aboutOne.contains(draft.operation) else { return [draft] }
            return previous.map { referent in
                var step = draft
                step.target = referent.target
                step.namespace = step.namespace ?? referent.namespace
                return step
            }
        }
    }
}

/// What "it" can stand for: a target a clause named, and the namespace it was found in.
struct Referent {
    let target: TargetPhrase
    /// nil for the current namespace.
    let namespace: String?
}

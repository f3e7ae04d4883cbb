import KaiCore

/// What a request's words point to, read by the grammar's tokenizer and clause splitter, for what a
/// model is offered: the operations its clauses ask for, and which optional arguments it has words for.
///
/// A small model fills in every argument a tool offers and picks among every tool it sees. An optional
/// argument the request has no word for ("revision" in "roll back the frontend") invites one made up,
/// and kai then has to refuse the call; so a compact tool carries only the optional arguments the
/// request gives words for (``mentions(_:of:)``).
///
/// ```swift
/// let cues = RequestCues("roll back the frontend and restart the api")
/// // cues.operations: [.rollback, .restart]; cues.parts.count: 2; cues.mentions(revision) == false
/// ```
public struct RequestCues: Sendable, Hashable {
    /// Every lowercased word of the request.
    public let words: Set<String>
    /// Whether the request holds a number ("3", "three").
    public let hasNumber: Bool
    /// Whether the request names another namespace than the current one: only then do tools take a `namespace`.
    public let namesAnotherNamespace: Bool
    /// The request's clauses that ask for something, in order: a mention of a change (past, reported,
    /// asked about, as ``ClauseIntent`` reads it), a refusal or a negated clause asks for nothing.
    public let parts: [Part]

    /// One clause that asks for something: its words as typed, and the operation the grammar's detector
    /// reads in it (nil when it cannot place one: "backend to 4" after "scale frontend to 3").
    public struct Part: Sendable, Hashable {
        public let text: String
        public let operation: OperationName?
    }

    /// Whether the request asks for a change (as ``RequestSurvey`` reads it, with a change word or a number)
    /// that no part's operation is: "give the api a third replica" reads as a look at the api to the detector,
    /// and "blorp the backend to 4" cannot be placed.
    public var asksForUnplacedChange: Bool { unplacedChange != nil }

    /// What a change the request asks for, but the detector cannot place, may be.
    public enum UnplacedChange: Sendable, Hashable {
        /// One of these, which its words name: "a third replica" is a scale or an autoscaler.
        case among(Set<OperationName>)
        /// Any, once reads show what: "check the backend logs and act on them", "fix it".
        case afterReads
        /// Any.
        case any
    }

    /// The change the request asks for that the detector cannot place; nil when it asks for none.
    public let unplacedChange: UnplacedChange?

    /// The operations the request's clauses ask for, with those of the grammar's plan; nil when some
    /// clause asks for something the detector cannot place, or the request asks for a change none of
    /// them is (all operations stay possible).
    public var operations: Set<OperationName>? {
        guard !parts.contains(where: { $0.operation == nil }), !asksForUnplacedChange else { return nil }
        return Set(parts.compactMap(\.operation) + (grammarOperations ?? []))
    }

    /// The steps the grammar plans for the request, when it plans it (with the cluster's names).
    public let grammarDrafts: [DraftStep]?

    /// The operations of ``grammarDrafts``.
    public var grammarOperations: [OperationName]? { grammarDrafts?.map(\.operation) }

    /// What the request names and whether it asks for a change, as ``RequestSurvey`` reads it; nil without
    /// the cluster's names.
    public let survey: RequestSurvey?

    /// How many of the cluster's objects the request names (0 without the cluster's names).
    public var namedObjects: Int { survey?.named.count ?? 0 }

    /// How many calls a first reply should make, when the request's words place every part: at least one,
    /// at most one for each part and object named ("logs of the frontend and the backend": two).
    public var callCount: ClosedRange<Int>? {
        guard let operations, !operations.isEmpty else { return nil }
        return 1...max(grammarOperations?.count ?? 0, parts.count * max(namedObjects, 1), 1)
    }

    /// Reads `request`; `otherNamespaces` are the namespaces besides the current one the cluster has,
    /// `vocabulary` its names.
    public init(_ request: String, otherNamespaces: Set<String> = [], vocabulary: Vocabulary? = nil) {
        if case .steps(let drafts, _, _)? = try? LocalGrammar().interpret(request, vocabulary: vocabulary) {
            self.grammarDrafts = drafts
        } else {
            self.grammarDrafts = nil
        }
        self.survey = vocabulary.map { RequestSurvey(request, vocabulary: $0) }
        let tokens = LocalGrammar.requestTokens(request)
        let words = Set(tokens.map(\.text))
        self.words = words
        self.hasNumber = tokens.contains(where: \.isNumeric)
        let plainWords = request.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
        self.namesAnotherNamespace = plainWords.contains { otherNamespaces.contains($0) || ["namespace", "namespaces", "-n", "--namespace"].contains($0) }
        let clauses = LocalGrammar.clauses(of: tokens)
        var parts: [Part] = []
        // The change the latest question asked about ("can I roll back the frontend?"), which "then do it" asks for.
        var askedAbout: OperationName?
        for clause in clauses {
            // "…, help" or "asap": courtesy asks for nothing of its own; nor does "don't touch postgres", "but leave
            // the backend alone" or "sorry, ignore that".
            if clause.tokens.allSatisfy({ Self.courtesy.contains($0.text) }) { continue }
            if ChangeGuard.negation(in: clause) != nil || ChangeGuard.isExclusion(clause) || ChangeGuard.isRetraction(clause) { continue }
            if let asked = askedAbout, ClauseIntent.hasGoAheadPhrase(clause) {
                parts.append(Part(text: clause.rawText, operation: asked))
                askedAbout = nil
                continue
            }
            switch OperationDetector.detect(clause) {
            case .operation(let operation) where operation.isChange && ClauseIntent.of(clause) != .request:
                if ClauseIntent.asksAbout(clause) { askedAbout = operation }
            case .operation(let operation): parts.append(Part(text: clause.rawText, operation: operation))
            case .unknown: parts.append(Part(text: clause.rawText, operation: nil))
            case .refusal, .unsure: break
            }
        }
        self.parts = parts
        // A change word that is not a kind ("deploy" in "get deploy"), a count or a number: the request may ask
        // for a change the detector did not place.
        let placesEveryPart = !parts.contains { $0.operation == nil }
        let changeCues = tokens.indices.filter { index in
            let word = tokens[index].text
            // A number in a request whose every part is placed is one of their arguments ("last 200 lines of backend logs").
            if tokens[index].isNumeric { return !placesEveryPart }
            // "keeps restarting" tells what happens; "give me" asks to be shown.
            guard Self.changeCues.contains(word), ResourceKind(word: word) == nil, !word.hasSuffix("ing") else { return false }
            return !(word == "give" && index + 1 < tokens.count && ["me", "us"].contains(tokens[index + 1].text))
        }.map { tokens[$0] }
        let placesNoChange = !parts.contains { $0.operation?.isChange == true }
        let asksForUnplacedChange = RequestSurvey.asksForChange(clauses) && !changeCues.isEmpty && (placesNoChange || !placesEveryPart)
        self.unplacedChange = asksForUnplacedChange ? Self.unplacedChange(cues: changeCues) : nil
    }

    /// What a plan leaves out of the request.
    public enum Remainder: Sendable, Hashable {
        /// Nothing: the plan has as many operations as the request asks for.
        case nothing
        /// These parts of the request, as typed, have no operation in the plan.
        case parts([String])
        /// More than the plan has, though no one part can be named ("scale frontend to 3, backend to 4").
        case more
    }

    /// What `planned` leaves out: the parts whose operation none of it has (or could not be placed), or
    /// `.more` when the grammar reads more steps than it has.
    public func unanswered(by planned: [OperationName]) -> Remainder {
        guard max(parts.count, grammarOperations?.count ?? 0) > planned.count else { return .nothing }
        let left = parts.count > planned.count ? parts.filter { part in part.operation.map { !planned.contains($0) } ?? true } : []
        return left.isEmpty ? .more : .parts(left.map(\.text))
    }

    /// The tools to offer a model out of `allowed`: every read, and the changes the request's words ask
    /// for. A change the request does not ask for is not offered, so a model cannot plan one ("the restart
    /// failed, show events" offers no restart; nor does "the api feels slow today", whose words ask for no
    /// change, though the detector cannot place them), and a small model reads a few hundred tokens of
    /// tools, not a thousand. A change asked for in words that do not place it is offered among the changes
    /// those words name, or else every allowed change; one asked for only as "act on it" only `afterReads`,
    /// since the reads show what to do.
    public func shortlist(of allowed: [OperationName], afterReads: Bool = false) -> [OperationName] {
        let placed = operations ?? Set(parts.compactMap(\.operation) + (grammarOperations ?? []))
        let changes: Set<OperationName>? = switch unplacedChange {
        case nil: placed
        case .among(let named): placed.union(named)
        case .afterReads: afterReads ? nil : placed
        case .any: nil
        }
        return allowed.filter { !$0.isChange || changes?.contains($0) ?? true }
    }

    /// What the change `cues` (change words and numbers) ask for may be: the changes their nouns name ("bump
    /// the api to 4 replicas"); a change once reads show which, when all they say is to act; else any.
    private static func unplacedChange(cues: [Token]) -> UnplacedChange {
        let named = cues.flatMap { Self.changeNouns[$0.text] ?? [] }
        if !named.isEmpty { return .among(Set(named)) }
        if cues.allSatisfy({ RequestSurvey.actingWords.contains($0.text) }) { return .afterReads }
        return .any
    }

    /// Whether `reads` answer the whole request: it asks for reads only, and each is among them.
    public func isAnswered(byReads reads: [OperationName]) -> Bool {
        guard let operations, !operations.isEmpty, !operations.contains(where: \.isChange) else { return false }
        return operations.isSubset(of: reads)
    }

    /// The one operation the request's words point to, if they point to exactly one.
    public var onlyOperation: OperationName? {
        guard let operations, operations.count == 1 else { return nil }
        return operations.first
    }

    /// Whether the request has words for `parameter` of `operation`: a required argument always; the
    /// namespace when another is named; any other optional argument when a word for it appears.
    public func mentions(_ parameter: OperationParameter, of operation: OperationName) -> Bool {
        if parameter.required { return true }
        switch parameter.name {
        case "target": return true
        case "container": return hasAny(["container", "containers", "-c", "--container"])
        case "revision": return hasNumber || hasAny(["revision", "revisions", "rev", "--to-revision"])
        case "tail": return hasNumber || hasAny(["lines", "line", "tail", "--tail", "last"])
        case "since": return hasAny(Self.timeWords) || words.contains { DurationReader.compact($0) != nil }
        case "previous": return hasAny(["previous", "prior", "before", "crashed", "crash", "crashes", "-p", "--previous"])
        case "selector": return hasAny(["label", "labels", "labelled", "labeled", "selector", "-l", "--selector"]) || words.contains { $0.contains("=") }
        case "fieldSelector": return hasAny(Self.phaseWords) || words.contains { $0.contains("=") }
        case "cpuPercent": return hasAny(["cpu", "percent", "percentage", "utilization", "utilisation"]) || words.contains { $0.hasSuffix("%") }
        default: return mentionsResourceField(parameter.name)
        }
    }

    /// A resource field (`cpuRequest` … `memoryLimit`) is mentioned when the request names its resource
    /// (or names neither resource) and its kind (or names neither kind).
    private func mentionsResourceField(_ name: String) -> Bool {
        let cpu = hasAny(["cpu", "cpus", "core", "cores", "millicores"]) || words.contains { $0.range(of: #"^[0-9.]+m$"#, options: .regularExpression) != nil }
        let memory = hasAny(["memory", "mem", "ram"]) || words.contains { $0.range(of: #"^[0-9.]+(mi|gi|ki|m|g)b?$"#, options: .regularExpression) != nil && !$0.hasSuffix("m") }
        let requests = hasAny(["request", "requests", "requested", "--requests", "reservation"])
        let limits = hasAny(["limit", "limits", "cap", "ceiling", "max", "maximum", "--limits"])
        let resourceFits = name.hasPrefix("cpu") ? cpu || !memory : memory || !cpu
        let kindFits = name.hasSuffix("Request") ? requests || !limits : limits || !requests
        return resourceFits && kindFits
    }

    private func hasAny(_ candidates: Set<String>) -> Bool { !words.isDisjoint(with: candidates) }

    /// Words that ask for a change, or for one without saying which ("act on them", "fix it").
    private static let changeCues: Set<String> = ChangeGuard.changeWords.union(RequestSurvey.actingWords)
        .union(["remove"]).union(changeNouns.keys).union(amountWords)
    /// Nouns that name what a change is about, and the changes that act on it.
    private static let changeNouns: [String: [OperationName]] = {
        var nouns: [String: [OperationName]] = [:]
        for word in ["replica", "replicas", "instance", "instances", "copy", "copies"] { nouns[word] = [.scale, .autoscale] }
        for word in ["image", "version", "tag"] { nouns[word] = [.setImage, .rollback] }
        for word in ["memory", "mem", "ram", "cpu", "cpus"] { nouns[word] = [.setResources] }
        return nouns
    }()
    /// Words that ask for more or less of something: "give the api a third replica", "more memory".
    private static let amountWords: Set<String> = ["give", "add", "more", "fewer", "less", "extra", "another"]
    private static let courtesy: Set<String> = ["help", "please", "pls", "plz", "thanks", "thank", "you", "asap", "now", "quickly", "urgent",
                                                "urgently", "me", "us", "fast", "!", "?", "."]
    private static let timeWords: Set<String> = ["since", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "second", "seconds",
                                                 "secs", "today", "ago", "past", "--since"]
    private static let phaseWords: Set<String> = ["field", "--field-selector", "phase", "status", "running", "pending", "failed", "succeeded",
                                                  "completed", "warning", "warnings", "normal", "not"]
}

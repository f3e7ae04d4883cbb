import KaiCore

/// Reads one clause ("scale the backend down by one") into draft steps.
struct ClauseParser {
    /// What a clause turned out to be.
    enum Outcome: Equatable {
        case steps([DraftStep], unchanged: [TargetPhrase])
        case refusal(Refusal)
        case unsure(String)
        /// No word of the clause says what to do: a sentence of context ("traffic is spiking").
        case noOperation
    }

    var clause: Clause
    /// The word before "container" in "the backend container", which may name the target as well.
    var containerWord: String?
    /// A version said without its image ("to 1.2.0"), for setImage.
    var imageTag: String?
    /// What the cluster holds, when known: names are spotted against it and other words are never names.
    let vocabulary: Vocabulary?
    /// What the parser understood that the person should see: words it ignored, namespaces it assumed.
    private(set) var notes: [String] = []
    /// Words that named nothing in the cluster, kept for a step that needs a target and is given none.
    private(set) var unplaced: [TargetPhrase] = []

    init(_ clause: Clause, vocabulary: Vocabulary? = nil) {
        self.clause = clause
        self.vocabulary = vocabulary
    }

    mutating func parse() throws(ValueError) -> Outcome {
        let operation: OperationName
        switch OperationDetector.detect(clause) {
        case .refusal(let refusal): return .refusal(refusal)
        case .unknown: return .noOperation
        case .unsure(let why): return .unsure(why)
        case .operation(let detected): operation = detected
        }
        if let output = clause.firstIndex(of: ["-o", "--output"]) { clause.use(output, output + 1) }
        let everyNamespace = CatalogRefusals.namesEveryNamespace(clause) && !operation.isChange
        let namespace = try readNamespace()
        var template = DraftStep(operation)
        template.namespace = namespace
        var kinds: [ResourceKind] = []
        switch operation {
        case .scale:
            if let paired = try readCountPerTarget(template) { return .steps(paired, unchanged: []) }
            template.replicas = try readReplicas()
        case .logs:
            template.previous = readPrevious()
            template.container = try readContainer()
            template.tail = try readTail()
            template.since = try readSince()
        case .rollback: template.revision = try readRevision()
        case .setImage:
            template.container = try readContainer()
            template.image = try readImage()
            template.imageTag = imageTag
        case .autoscale: template.autoscale = try readAutoscale()
        case .setResources:
            template.container = try readContainer()
            guard let resources = try readResources() else {
                return .unsure("it does not say what to set the requests or limits to; say it, e.g. \"set backend memory limit to 512Mi\" or \"raise backend memory by half\"")
            }
            template.resources = resources
        case .list:
            kinds = readKinds()
            template.selector = try readLabelSelector()
        default: break
        }
        let kindHint = operation == .list ? nil : readKindHint()
        if let number = clause.tokens.indices.first(where: { clause.tokens[$0].isNumeric && !clause.isUsed($0) }) {
            return .unsure("the number \"\(clause.tokens[number].raw)\" does not fit a \(operation) request")
        }
        if let vocabulary, let ambiguity = NameSpotter(vocabulary: vocabulary).ambiguity(in: clause, namespace: namespace) {
            return .unsure(ambiguity)
        }
        var (targets, namespaces) = readTargets(kindHint: kindHint, namespace: namespace, operation: operation)
        if targets.isEmpty, let containerWord { targets = [TargetPhrase(words: [containerWord], kindHint: kindHint)] }
        if targets.isEmpty, operation != .list, let selected = selectedWorkload() { targets = [TargetPhrase(words: [selected])] }
        if template.namespace == nil, let only = Set(namespaces.compactMap { $0 }).first, namespaces.allSatisfy({ $0 == only }) {
            template.namespace = only
            notes.append("\(targets.map(\.description).joined(separator: ", ")) is in namespace \(only)")
        }
        if operation == .list {
            guard targets.count <= 1 else { return .unsure("a list can be narrowed to one deployment at a time") }
            var steps: [DraftStep] = []
            for kind in kinds {
                var step = template
                step.kind = kind
                step.target = targets.first
                step.fieldSelector = try readFieldSelector(for: kind)
                steps.append(step)
            }
            return .steps(everyNamespace ? acrossNamespaces(steps) : steps, unchanged: [])
        }
        guard !targets.isEmpty else { return .steps([template], unchanged: []) }
        return .steps(targets.map { target in
            var step = template
            step.target = target
            return step
        }, unchanged: [])
    }

    /// kubectl's `-l app.kubernetes.io/component=frontend` (or `app=`, `app.kubernetes.io/name=`) for an operation
    /// that takes a target: the workload the selector picks.
    private mutating func selectedWorkload() -> String? {
        guard let flag = clause.firstIndex(of: ["-l", "--selector"]), let value = clause[flag + 1] else { return nil }
        for term in value.raw.split(separator: ",") {
            let pair = term.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, ["app.kubernetes.io/component", "app", "component", "app.kubernetes.io/name"].contains(pair[0]) else { continue }
            clause.use(flag, flag + 1)
            return pair[1].lowercased()
        }
        return nil
    }

    /// "list pods in all namespaces": the same reads in every namespace kai has read (those the policy allows).
    private mutating func acrossNamespaces(_ steps: [DraftStep]) -> [DraftStep] {
        guard let vocabulary else { return steps }
        notes.append("all namespaces: the ones the policy allows (\(vocabulary.readNamespaces.joined(separator: ", ")))")
        return vocabulary.readNamespaces.flatMap { namespace in
            steps.map { step in
                var step = step
                step.namespace = namespace == vocabulary.currentNamespace ? nil : namespace
                return step
            }
        }
    }

    /// "scale frontend to 2 and backend to 3": each target followed by its own count.
    private mutating func readCountPerTarget(_ template: DraftStep) throws(ValueError) -> [DraftStep]? {
        let counts = clause.tokens.indices.compactMap { index in
            clause.text(index) == "to" ? clause.number(after: index).map { (to: index, number: $0) } : nil
        }
        guard counts.count >= 2 else { return nil }
        var steps: [DraftStep] = []
        var start = 0
        for count in counts {
            let words = (start..<count.to).filter(isTargetWord).map(clause.text)
            guard !words.isEmpty else { return nil }
            var step = template
            step.target = TargetPhrase(words: words)
            step.replicas = .exactly(try ReplicaCount(clause.tokens[count.number].wholeNumber(for: "replica count")))
            steps.append(step)
            start = count.number + 1
        }
        guard !(start..<clause.count).contains(where: isTargetWord) else { return nil }
        return steps
    }

    private func isTargetWord(_ index: Int) -> Bool {
        let token = clause.tokens[index]
        return !clause.isUsed(index) && !token.isNumeric && !Lexicon.nonTargetWords.contains(token.text) && !token.text.hasPrefix("-")
    }

    /// "in namespace staging", "-n staging", "--namespace=staging", "in the staging namespace".
    private mutating func readNamespace() throws(ValueError) -> String? {
        var name: String?
        if let flag = clause.firstIndex(of: ["-n", "--namespace", "namespace", "ns"]), clause.text(flag - 1) != "tail",
           let value = clause[flag + 1], !Lexicon.nonTargetWords.contains(value.text) || ["-n", "--namespace"].contains(clause.text(flag)) {
            clause.use(flag, flag + 1)
            name = value.text
        } else if let word = clause.firstIndex(of: ["namespace", "ns"]), let value = clause[word - 1],
                  !Lexicon.nonTargetWords.contains(value.text) {
            clause.use(word - 1, word)
            name = value.text
        } else if let word = clause.firstIndex(of: ["in", "from"]), let value = clause[word + 1],
                  value.text.hasPrefix("kube-") || value.text == "default" {
            // Well-known namespaces need no "namespace" word: "list pods in kube-system".
            clause.use(word, word + 1)
            name = value.text
        }
        if name == nil, let vocabulary, let index = clause.tokens.indices.first(where: { index in
            !clause.isUsed(index) && vocabulary.namespaces.contains(clause.text(index)) && vocabulary.names(spelled: clause.text(index)).isEmpty
        }) {
            // "in shop", "shop's web-app", "the pods in staging": a namespace the cluster has, named without the word "namespace".
            clause.use(index)
            if ["in", "from", "on", "of"].contains(clause.text(index - 1)) { clause.use(index - 1) }
            name = clause.text(index)
        }
        guard let name else { return nil }
        guard DNSLabel.isValid(name) else {
            throw ValueError(problem: "\"\(name)\" is not a namespace name.", remedy: "Namespace names are lowercase letters, digits and '-'.")
        }
        return name
    }

    /// "pod", "deployment" or kubectl's "deploy/" said of the target.
    private mutating func readKindHint() -> ObjectKind? {
        guard let index = clause.tokens.indices.first(where: { !clause.isUsed($0) && hint(at: $0) != nil }) else {
            return clause.tokens.contains { PodName.looksLikePod($0.text) } ? .pod : nil
        }
        clause.use(index)
        return hint(at: index)
    }

    /// The kind a word hints at; "the backend pods" means the deployment's pods together, so only
    /// the singular asks for one pod.
    private func hint(at index: Int) -> ObjectKind? {
        clause.text(index) == "pods" ? nil : ResourceWord.kindHint(clause.text(index))
    }

    /// The targets the clause names, and the namespace each was found in when it is not the current one.
    /// With a vocabulary, the cluster's names are spotted wherever they stand and the other words are
    /// ignored (and said), unless they look like a name the cluster lacks ("the payments service").
    private mutating func readTargets(kindHint: ObjectKind?, namespace: String?, operation: OperationName) -> ([TargetPhrase], [String?]) {
        guard let vocabulary else { return (targetGroups().map { TargetPhrase(words: $0, kindHint: kindHint) }, []) }
        let spots = NameSpotter(vocabulary: vocabulary).spots(in: clause, namespace: namespace)
        var targets: [TargetPhrase] = []
        var namespaces: [String?] = []
        for spot in spots {
            clause.use(spot.range)
            let hint: ObjectKind? = spot.name.kind == .pod ? .pod : kindHint == .pod && operation.liftsPodPhrases ? nil : kindHint
            targets.append(TargetPhrase(words: [spot.name.object], kindHint: hint))
            namespaces.append(spot.name.namespace == vocabulary.currentNamespace ? nil : spot.name.namespace)
            if let prefix = spot.prefix { notes.append("read \"\(prefix)\" as \(spot.name.object)") }
        }
        let leftovers = targetGroups()
        let named = leftovers.filter { looksLikeName($0, strictly: !spots.isEmpty) }
        targets += named.map { TargetPhrase(words: $0, kindHint: kindHint) }
        namespaces += named.map { _ in namespace }
        // Words that name nothing the cluster has: a step that needs a target and finds none in its own
        // clause takes the previous clause's; failing that, these are what the request named.
        unplaced = leftovers.filter { !named.contains($0) }.map { TargetPhrase(words: $0, kindHint: kindHint) }
        let ignored = leftovers.filter { !named.contains($0) }.flatMap { $0 }
        if !ignored.isEmpty { notes.append("ignored \(ignored.map { "\"\($0)\"" }.joined(separator: ", "))") }
        return (targets, namespaces)
    }

    /// Whether unknown words stand where a name would: hyphenated like an object name, or next to a kind word
    /// ("the payments service", "deployment payments").
    private func looksLikeName(_ group: [String], strictly: Bool) -> Bool {
        if group.contains(where: { $0.contains("-") && !$0.hasPrefix("-") && $0.count > 2 }) { return true }
        guard let first = group.first, let start = clause.tokens.firstIndex(where: { $0.text == first }) else { return false }
        let end = start + group.count
        let kindWords: Set<String> = ["deployment", "deploy", "pod", "service", "svc", "app", "container", "workload"]
        return kindWords.contains(clause.text(end)) || ["called", "named"].contains(clause.text(start - 1))
            || !strictly && group.count == 1 && kindWords.contains(clause.text(start - 1))
    }

    /// Runs of words that may name targets; conjunctions and grammar words separate them.
    func targetGroups() -> [[String]] {
        var groups: [[String]] = []
        var current: [String] = []
        for index in clause.tokens.indices {
            if isTargetWord(index) {
                current.append(clause.text(index))
            } else if !current.isEmpty {
                groups.append(current)
                current = []
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }
}

import KaiCore

/// Reads one clause ("scale the backend down by one") into draft steps.
struct ClauseParser {
    /// What a clause turned out to be.
    enum Outcome: Equatable {
        case steps([DraftStep], unchanged: [TargetPhrase])
        case refusal(Refusal)
        case unsure(String)
    }

    var clause: Clause
    /// The word before "container" in "the backend container", which may name the target as well.
    var containerWord: String?

    init(_ clause: Clause) { self.clause = clause }

    mutating func parse() throws(ValueError) -> Outcome {
        let operation: OperationName
        switch OperationDetector.detect(clause) {
        case .refusal(let refusal): return .refusal(refusal)
        case .unknown: return .unsure("no operation word was recognised")
        case .unsure(let why): return .unsure(why)
        case .operation(let detected): operation = detected
        }
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
        case .autoscale: template.autoscale = try readAutoscale()
        case .list:
            kinds = readKinds()
            template.selector = try readLabelSelector()
        default: break
        }
        let kindHint = operation == .list ? nil : readKindHint()
        if let number = clause.tokens.indices.first(where: { clause.tokens[$0].isNumeric && !clause.isUsed($0) }) {
            return .unsure("the number \"\(clause.tokens[number].raw)\" does not fit a \(operation) request")
        }
        var targets = targetGroups().map { TargetPhrase(words: $0, kindHint: kindHint) }
        if targets.isEmpty, let containerWord { targets = [TargetPhrase(words: [containerWord], kindHint: kindHint)] }
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
            return .steps(steps, unchanged: [])
        }
        guard !targets.isEmpty else { return .steps([template], unchanged: []) }
        return .steps(targets.map { target in
            var step = template
            step.target = target
            return step
        }, unchanged: [])
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
        return !clause.isUsed(index) && !token.isNumeric && !Lexicon.nonTargetWords.contains(token.text)
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

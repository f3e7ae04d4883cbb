import KaiCore

/// Reads one clause ("scale the backend down by one") into draft steps.
struct ClauseParser {
    /// What a clause turned out to be.
    enum Outcome: Equatable {
        case steps([DraftStep])
        case refusal(Refusal)
        case unsure(String)
    }

    var clause: Clause

    init(_ clause: Clause) { self.clause = clause }

    mutating func parse() throws(ValueError) -> Outcome {
        let operation: OperationName
        switch OperationDetector.detect(clause) {
        case .refusal(let refusal): return .refusal(refusal)
        case .unknown: return .unsure("no operation word was recognised")
        case .operation(let detected): operation = detected
        }
        let namespace = try readNamespace()
        var template = DraftStep(operation)
        template.namespace = namespace
        var kinds: [ResourceKind] = []
        switch operation {
        case .scale: template.replicas = try readReplicas()
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
        let targets = targetGroups().map { TargetPhrase(words: $0, kindHint: kindHint) }
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
            return .steps(steps)
        }
        guard !targets.isEmpty else { return .steps([template]) }
        return .steps(targets.map { target in
            var step = template
            step.target = target
            return step
        })
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
        }
        guard let name else { return nil }
        guard DNSLabel.isValid(name) else {
            throw ValueError(problem: "\"\(name)\" is not a namespace name.", remedy: "Namespace names are lowercase letters, digits and '-'.")
        }
        return name
    }

    /// "pod", "deployment" or kubectl's "deploy/" said of the target.
    private mutating func readKindHint() -> ObjectKind? {
        guard let index = clause.tokens.indices.first(where: { !clause.isUsed($0) && ResourceWord.kindHint(clause.text($0)) != nil }) else {
            return clause.tokens.contains { PodName.looksLikePod($0.text) } ? .pod : nil
        }
        clause.use(index)
        return ResourceWord.kindHint(clause.text(index))
    }

    /// Runs of words that may name targets; conjunctions and grammar words separate them.
    private func targetGroups() -> [[String]] {
        var groups: [[String]] = []
        var current: [String] = []
        for index in clause.tokens.indices {
            let token = clause.tokens[index]
            if !clause.isUsed(index), !token.isNumeric, !Lexicon.nonTargetWords.contains(token.text) {
                current.append(token.text)
            } else if !current.isEmpty {
                groups.append(current)
                current = []
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }
}

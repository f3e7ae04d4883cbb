import KaiCore

/// Words of the setResources grammar.
enum ResourceWords {
    static let cpu: Set<String> = ["cpu", "cpus", "vcpu", "vcpus", "core", "cores"]
    static let memory: Set<String> = ["memory", "mem", "ram"]
    static let limit: Set<String> = ["limit", "limits", "--limits", "ceiling", "cap", "max", "maximum"]
    static let request: Set<String> = ["request", "requests", "--requests", "reservation", "guaranteed", "min", "minimum"]
    static let nouns = cpu.union(memory).union(["limit", "limits", "request", "requests", "resources", "--limits", "--requests"])
    /// Verbs that change a setting even without a value ("increase the memory limit of backend").
    static let changeVerbs: Set<String> = ["set", "increase", "raise", "change", "lower", "decrease", "bump", "update", "adjust", "reduce",
                                           "double", "halve", "cut", "allow", "resize"]
    /// Words that make a share a cut ("cut its memory by 25%", "halve"); any other share is a rise.
    static let down: Set<String> = ["lower", "decrease", "reduce", "cut", "shrink", "down", "halve", "less", "fewer"]

    /// Whether `token` is written like a quantity with a unit ("512Mi", "250m", "1gb"): digits then letters.
    static func looksLikeQuantity(_ token: Token) -> Bool {
        let digits = token.raw.prefix { $0.isNumber || $0 == "." }
        let rest = token.raw.dropFirst(digits.count)
        return !digits.isEmpty && digits.contains(where: \.isNumber) && !rest.isEmpty && rest.count <= 3 && rest.allSatisfy(\.isLetter)
    }
}

extension ClauseParser {
    /// The requests and limits a setResources clause asks for: kubectl's `--limits=memory=1Gi,cpu=500m`,
    /// "memory limit to 512Mi", "250m cpu", "2 cores", or a share ("by half", "by 50%", "double").
    mutating func readResources() throws(ValueError) -> ResourceRequest? {
        var request = ResourceRequest()
        try readKubectlFlags(into: &request)
        try readQuantities(into: &request)
        if request.amounts.isEmpty { readShare(into: &request) }
        clause.useAll(ResourceWords.nouns.union(ResourceWords.limit).union(ResourceWords.request).union(ResourceWords.changeVerbs)
            .union(["to", "by", "of", "half", "give", "=", "as", "much", "more", "less"]))
        return request.amounts.isEmpty ? nil : request
    }

    /// `--limits=cpu=200m,memory=512Mi --requests=memory=256Mi`, as `kubectl set resources` takes them.
    private mutating func readKubectlFlags(into request: inout ResourceRequest) throws(ValueError) {
        for index in clause.tokens.indices where ["--limits", "--requests"].contains(clause.text(index)) {
            guard let value = clause[index + 1] else { continue }
            let bound: ResourceField.Bound = clause.text(index) == "--limits" ? .limit : .request
            for pair in value.raw.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let resource = ResourceName(rawValue: parts[0].lowercased()) else {
                    throw ValueError(problem: "\"\(pair)\" is not a resource setting kai can make.",
                                     remedy: "Write cpu=250m or memory=512Mi, e.g. --limits=cpu=500m,memory=512Mi.")
                }
                request.amounts[ResourceField(resource, bound)] = .exactly(.set(try resource.quantity(parts[1])))
            }
            clause.use(index, index + 1)
        }
    }

    /// Each quantity in the clause, with the resource and the bound named nearest it: first the words
    /// since the previous quantity, then the two words after it ("250m cpu", "512Mi memory limit").
    private mutating func readQuantities(into request: inout ResourceRequest) throws(ValueError) {
        var start = 0
        for index in clause.tokens.indices where !clause.isUsed(index) {
            let token = clause.tokens[index]
            let coreCount = token.isNumeric && ["core", "cores", "cpu", "cpus", "vcpu", "vcpus"].contains(clause.text(index + 1))
            guard ResourceWords.looksLikeQuantity(token) || coreCount else { continue }
            let before = Set((start..<index).map(clause.text)), after = Set((index + 1..<min(index + 3, clause.count)).map(clause.text))
            let quantity = try ResourceQuantity(token.raw)
            let resource = Self.resource(named: before) ?? Self.resource(named: after) ?? (coreCount ? .cpu : Self.resource(of: token.raw))
            guard let resource else {
                throw ValueError(problem: "\(token.raw) could be CPU or memory.", remedy: "Say which: \"\(token.raw) cpu\" or \"memory to \(token.raw)\".")
            }
            let bound = Self.bound(named: before) ?? Self.bound(named: after)
            let checked = try resource.quantity(quantity.text)
            request.amounts[ResourceField(resource, bound ?? .request)] = .exactly(.set(checked))
            if bound == nil { request.limitFollows.insert(resource) }
            clause.use(index)
            if coreCount { clause.use(index + 1) }
            start = index + 1
        }
    }

    /// "raise postgres memory by half", "double the backend cpu limit", "cut its memory by 25%": the
    /// named settings (both bounds and both resources when none is named) scaled by that share.
    private mutating func readShare(into request: inout ResourceRequest) {
        let down = clause.containsAny(ResourceWords.down)
        var share: (Int, Int)?
        if clause.contains("double") { share = (2, 1) } else if clause.contains("triple") { share = (3, 1) }
        else if clause.contains("halve") || (down && clause.contains("half")) { share = (1, 2) }
        else if clause.contains("half") { share = (3, 2) }
        else if let index = clause.tokens.firstIndex(where: { $0.text.hasSuffix("%") && Int($0.text.dropLast()) != nil }),
                let percent = Int(clause.tokens[index].text.dropLast()), percent > 0, !down || percent < 100 {
            share = (100 + (down ? -percent : percent), 100)
            clause.use(index)
        }
        guard let (numerator, denominator) = share else { return }
        let words = Set(clause.tokens.map(\.text))
        let resources = Self.resource(named: words).map { [$0] } ?? ResourceName.allCases
        let bounds = Self.bound(named: words).map { [$0] } ?? ResourceField.Bound.allCases
        for resource in resources {
            for bound in bounds { request.amounts[ResourceField(resource, bound)] = .scaled(numerator: numerator, denominator: denominator) }
        }
        clause.useAll(["double", "triple", "halve", "half"])
    }

    private static func resource(named words: Set<String>) -> ResourceName? {
        let cpu = !words.isDisjoint(with: ResourceWords.cpu), memory = !words.isDisjoint(with: ResourceWords.memory)
        return cpu == memory ? nil : cpu ? .cpu : .memory
    }

    private static func bound(named words: Set<String>) -> ResourceField.Bound? {
        let limit = !words.isDisjoint(with: ResourceWords.limit), request = !words.isDisjoint(with: ResourceWords.request)
        return limit == request ? nil : limit ? .limit : .request
    }

    /// The resource a unit implies: bytes for binary and large decimal suffixes, CPU for milli.
    private static func resource(of text: String) -> ResourceName? {
        let unit = text.drop { $0.isNumber || $0 == "." }
        if ["Ki", "Mi", "Gi", "Ti", "k", "M", "G", "T"].contains(String(unit)) { return .memory }
        return unit == "m" ? .cpu : nil
    }
}

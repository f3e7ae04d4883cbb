import KaiCore

/// Finds the cluster's names in a clause wherever they stand: an object's exact name (written with
/// hyphens or spaces), its role or a role word, or a unique prefix of a name.
struct NameSpotter {
    let vocabulary: Vocabulary

    /// One object a run of words names.
    struct Spot: Equatable {
        let range: Range<Int>
        let name: Vocabulary.Name
        /// The words as written, when they were only a prefix of the name.
        let prefix: String?
    }

    /// The objects named in the unused words of `clause`, in order; in `namespace` when the clause names one,
    /// else the current namespace first, else the one other namespace that has the name.
    func spots(in clause: Clause, namespace: String?) -> [Spot] {
        var spots: [Spot] = []
        var index = 0
        while index < clause.count {
            if let spot = spot(in: clause, at: index, namespace: namespace), ambiguity(of: spot, in: clause, namespace: namespace) == nil {
                if !spots.contains(where: { $0.name.object == spot.name.object && $0.name.namespace == spot.name.namespace }) { spots.append(spot) }
                index = spot.range.upperBound
            } else {
                index += 1
            }
        }
        return spots
    }

    /// Why the words of `spot` could name two objects: "web app" is web-app in namespace shop, but "web" is the
    /// current namespace's frontend. A name from another namespace the request did not name yields to the
    /// current namespace's names inside it.
    func ambiguity(of spot: Spot, in clause: Clause, namespace: String?) -> String? {
        guard namespace == nil, spot.name.namespace != vocabulary.currentNamespace, spot.range.count > 1 else { return nil }
        for index in spot.range {
            guard let here = vocabulary.names(spelled: clause.text(index)).first(where: { $0.namespace == vocabulary.currentNamespace }) else { continue }
            let words = spot.range.map(clause.text).joined(separator: " ")
            return "\"\(words)\" could mean \(here.object) (\"\(here.word)\") here in \(vocabulary.currentNamespace), or \(spot.name.object) in namespace \(spot.name.namespace); name the namespace or the object exactly"
        }
        return nil
    }

    /// The first ambiguity among the names of `clause`, if any.
    func ambiguity(in clause: Clause, namespace: String?) -> String? {
        for start in clause.tokens.indices {
            if let spot = spot(in: clause, at: start, namespace: namespace), let why = ambiguity(of: spot, in: clause, namespace: namespace) { return why }
        }
        return nil
    }

    private func spot(in clause: Clause, at start: Int, namespace: String?) -> Spot? {
        for length in stride(from: min(4, clause.count - start), through: 1, by: -1) {
            let range = start..<start + length
            guard range.allSatisfy({ !clause.isUsed($0) && !(clause[$0]?.isSentenceEnd ?? true) }) else { continue }
            let word = range.map(clause.text).joined(separator: "-")
            if let name = choose(vocabulary.names(spelled: word), namespace: namespace) { return Spot(range: range, name: name, prefix: nil) }
        }
        guard let token = clause[start], !clause.isUsed(start), token.text.count >= 3, token.number == nil,
              !Lexicon.nonTargetWords.contains(token.text), !token.isSentenceEnd else { return nil }
        let matches = vocabulary.names.filter { !$0.isRole && $0.word.hasPrefix(token.text) }
        let objects = Set(matches.map { "\($0.namespace)/\($0.object)" })
        guard objects.count == 1 || Set(matches.filter { $0.namespace == (namespace ?? vocabulary.currentNamespace) }.map(\.object)).count == 1,
              let name = choose(matches, namespace: namespace) else { return nil }
        return Spot(range: start..<start + 1, name: name, prefix: token.raw)
    }

    /// The one object among `names` the request means.
    private func choose(_ names: [Vocabulary.Name], namespace: String?) -> Vocabulary.Name? {
        let inNamed = names.filter { $0.namespace == (namespace ?? vocabulary.currentNamespace) }
        let candidates = inNamed.isEmpty && namespace == nil ? names : inNamed
        let objects = Set(candidates.map { "\($0.namespace)/\($0.object)" })
        return objects.count == 1 ? candidates.first : nil
    }
}

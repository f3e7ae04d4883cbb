import Foundation
import KaiCore

/// The deterministic, offline interpreter: maps the everyday ways people phrase catalog
/// operations to draft steps, refuses what the catalog does not do, and says when it is
/// not sure instead of guessing.
///
/// ```swift
/// let result = try LocalGrammar().interpret("restart frontend and scale backend to 2")
/// // .steps([restart frontend, scale backend to exactly 2])
/// ```
public struct LocalGrammar: Sendable {
    /// A grammar with the built-in vocabulary.
    public init() {}

    /// Interprets `request`. Throws when a value in it is malformed or out of range ("scale to -1").
    public func interpret(_ request: String) throws(ValueError) -> Interpretation {
        var tokens = Tokenizer.tokenize(request)
        while let first = tokens.first, ["kubectl", "k", "kai", "hey", "hi", "ok", "okay", "so", "please"].contains(first.text) {
            tokens.removeFirst()
        }
        guard !tokens.isEmpty else { return .unsure("the request has no words kai can read") }
        var steps: [DraftStep] = []
        var previousTargets: [TargetPhrase] = []
        var unchanged: [TargetPhrase] = []
        let clauses = Self.clauses(of: tokens)
        for clause in clauses {
            // "but leave the backend alone", "don't roll back the frontend": names to keep unchanged, no step.
            let negation = ChangeGuard.negation(in: clause)
            if ChangeGuard.isExclusion(clause) || (negation != nil && clauses.count > 1) {
                let targets = ClauseParser(clause).targetGroups().map { TargetPhrase(words: $0) }
                unchanged += targets
                if !targets.isEmpty { previousTargets = targets }
                continue
            }
            var parser = ClauseParser(clause)
            switch try parser.parse() {
            case .refusal(let refusal): return .refusal(refusal)
            case .unsure(let why):
                let text = clause.tokens.map(\.raw).joined(separator: " ")
                return .unsure(text == request.trimmingCharacters(in: .whitespaces) ? why : "in \"\(text)\", \(why)")
            case .steps(let drafts, _):
                let resolved = Self.inheritTargets(drafts, from: previousTargets)
                steps += resolved.filter { step in !Self.repeats(step, in: steps) }
                let targets = resolved.compactMap(\.target)
                if !targets.isEmpty { previousTargets = targets }
            }
        }
        if steps.isEmpty { return .unsure("it only says what to leave alone") }
        if steps.contains(where: \.operation.isChange), let objection = ChangeGuard.objection(toRequest: tokens) {
            return .unsure(objection)
        }
        return .steps(steps, unchanged: unchanged)
    }

    /// "the backend is throwing 500s, what's going on": a whole-namespace read after the same read of
    /// one target adds nothing.
    static func repeats(_ step: DraftStep, in steps: [DraftStep]) -> Bool {
        steps.contains { $0 == step } || (step.target == nil && steps.contains { $0.operation == step.operation && $0.target != nil })
    }

    /// "scale backend to 3 and restart it", "set image … and then watch the rollout": a step that
    /// needs a target and names none acts on the previous clause's targets.
    static func inheritTargets(_ drafts: [DraftStep], from previous: [TargetPhrase]) -> [DraftStep] {
        guard !previous.isEmpty else { return drafts }
        return drafts.flatMap { draft -> [DraftStep] in
            guard draft.target == nil, case .required = draft.operation.targetRule else { return [draft] }
            return previous.map { target in
                var step = draft
                step.target = target
                return step
            }
        }
    }

    /// Splits at a conjunction only where a new request begins ("… and restart frontend"),
    /// so "frontend and backend" and "between 2 and 5" stay whole.
    static func clauses(of tokens: [Token]) -> [Clause] {
        let skippable: Set<String> = ["please", "then", "also", "after", "that", "finally", "next", "afterwards", ",", ";", "and", "&", "plus", "just", "only"]
        var clauses: [Clause] = []
        var current: [Token] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if Lexicon.contrasts.contains(token.text), !current.isEmpty {
                clauses.append(Clause(current))
                current = [token]
                index += 1
                continue
            }
            if Lexicon.conjunctions.contains(token.text), !current.isEmpty {
                var next = index
                while next < tokens.count, skippable.contains(tokens[next].text) { next += 1 }
                // A lone trailing word ("…, why") belongs to the clause before it.
                let rest = tokens[next...].prefix { !Lexicon.conjunctions.contains($0.text) }.count
                if next < tokens.count, rest > 1, Lexicon.clauseStarters.contains(tokens[next].text) {
                    clauses.append(Clause(current))
                    current = []
                    index = next
                    continue
                }
            }
            current.append(token)
            index += 1
        }
        if !current.isEmpty { clauses.append(Clause(current)) }
        return clauses
    }
}

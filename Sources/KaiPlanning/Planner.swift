import Foundation
import KaiCore
import KaiInterpreter
import KaiKube
import KaiPolicy

/// The first half of the pipeline: request text -> interpreter -> resolver -> policy -> a checked plan.
///
/// ```swift
/// let planner = Planner(snapshot: TodoStackSeed.snapshot(), policy: .defaults)
/// let plan = try planner.plan("scale backend to 3")
/// ```
public struct Planner: Sendable {
    /// More steps than this in one request is a mistake or a script gone wrong, not an operator's plan.
    public static let maximumSteps = 20

    public let grammar: LocalGrammar
    public let snapshot: ClusterSnapshot
    public let policy: Policy
    /// The names the grammar spots: the snapshot's objects and namespaces, and the namespaces the policy allows.
    public let vocabulary: Vocabulary

    /// A planner resolving names against `snapshot` and checking against `policy`.
    public init(grammar: LocalGrammar = LocalGrammar(), snapshot: ClusterSnapshot, policy: Policy) {
        self.grammar = grammar
        self.snapshot = snapshot
        self.policy = policy
        self.vocabulary = snapshot.vocabulary(allowedNamespaces: policy.namespaces)
    }

    /// What the local grammar made of a request: a checked plan, or why it is not sure.
    public enum LocalResult: Sendable, Hashable {
        case plan(Plan)
        /// The grammar does not know what the request asks for; a model may.
        case unsure(String)
    }

    /// Plans `request` with the local grammar. A refusal (by the catalog or the policy) is a plan with no steps.
    ///
    /// Throws a ``KaiError``: ``RequestError`` when the request is empty or not understood,
    /// ``ValueError`` for a malformed value, ``ResolutionError`` for a name that does not
    /// pick out one object.
    public func plan(_ request: String) throws -> Plan {
        switch try interpretLocally(request) {
        case .plan(let plan): return plan
        case .unsure(let why):
            throw RequestError(problem: "kai's local grammar is not sure what \"\(request.trimmingCharacters(in: .whitespacesAndNewlines))\" asks for: \(why).",
                               remedy: "Rephrase it around one operation, e.g. \"scale backend to 3\", \"logs frontend since 10m\", \"why is backend failing\"; or configure a model provider (`kai config show --help`) for requests like this.")
        }
    }


    /// The catalog's refusal of `request` ("delete the backend deployment", "exec into postgres"), which
    /// stands whoever else would read it; nil when the grammar does not refuse it.
    public func catalogRefusal(_ request: String) -> Plan? {
        guard case .refusal(let refusal)? = try? grammar.interpret(request.trimmingCharacters(in: .whitespacesAndNewlines), vocabulary: vocabulary)
        else { return nil }
        return Plan(request: request, interpreter: .local, refusal: refusal)
    }

    /// Plans `request` with the local grammar, or says why the grammar is not sure.
    public func interpretLocally(_ request: String) throws -> LocalResult {
        let text = request.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw RequestError.empty }
        switch try grammar.interpret(text, vocabulary: vocabulary) {
        case .refusal(let refusal):
            return .plan(Plan(request: request, interpreter: .local, refusal: refusal))
        case .unsure(let why):
            return .unsure(why)
        case .steps(let steps, let unchanged, let notes):
            var plan = try plan(request, drafts: steps, unchanged: unchanged, interpreter: .local)
            plan.understanding = notes
            return .plan(plan)
        }
    }

    /// Resolves `drafts` (from the grammar or a model) against the snapshot and checks them against
    /// the policy; changes to `unchanged` targets are dropped.
    public func plan(_ request: String, drafts: [DraftStep], unchanged: [TargetPhrase] = [], interpreter: InterpreterKind) throws -> Plan {
        guard drafts.count <= Self.maximumSteps else {
            throw RequestError(problem: "The request makes a plan of \(drafts.count) steps; kai plans at most \(Self.maximumSteps) at once.",
                               remedy: "Split it into smaller requests, or write a runbook.")
        }
        for namespace in Set(drafts.compactMap(\.namespace)).sorted() {
            if let refusal = policy.check(namespace: namespace) { return Plan(request: request, interpreter: interpreter, refusal: refusal) }
        }
        let resolver = Resolver(snapshot: snapshot)
        let steps = try resolver.withoutChanges(to: unchanged, in: resolver.resolve(drafts))
        guard !steps.isEmpty else {
            throw RequestError(problem: "Nothing is left to do: every change in \"\(request)\" is to something it says to leave alone.",
                               remedy: "Say only what kai should change.")
        }
        if let refusal = policy.check(steps) { return Plan(request: request, interpreter: interpreter, refusal: refusal) }
        return Plan(request: request, interpreter: interpreter, steps: steps)
    }
}

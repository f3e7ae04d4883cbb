/// A checked plan: every step resolved against the cluster and allowed by policy, or a refusal.
public struct Plan: Sendable, Hashable {
    /// The request text as the person wrote it.
    public let request: String
    public let interpreter: InterpreterKind
    public let steps: [PlannedStep]
    /// Set when the request is refused; then there are no steps.
    public let refusal: Refusal?
    /// What the model said beside its tool calls, when a model made the plan.
    public var note: String?
    /// What asking the model cost, when a model made the plan.
    public var model: ModelUse?
    /// What the interpreter understood that the person should see before confirming: a misspelling read
    /// as a name, words ignored, a namespace assumed, a clause not planned because it only mentions a change.
    public var understanding: [String] = []
    /// Changes a model proposed for a request that asks for none (a question, a diagnosis, a mention):
    /// not steps of the plan; each runs only when the person types its target's name.
    public var suggestions: [PlannedStep] = []
    /// Why the plan's changes are not what the request named, said plainly ("the request names
    /// \"payments\", which does not exist; the model proposed todo-chatbot-backend"). With any, every change
    /// needs its target's name typed, and `--yes` never runs it.
    public var ungrounded: [String] = []

    /// A plan of `steps` for `request`.
    public init(request: String, interpreter: InterpreterKind, steps: [PlannedStep]) {
        self.request = request
        self.interpreter = interpreter
        self.steps = steps
        self.refusal = nil
    }

    /// A refused request: no steps, and why.
    public init(request: String, interpreter: InterpreterKind, refusal: Refusal) {
        self.request = request
        self.interpreter = interpreter
        self.steps = []
        self.refusal = refusal
    }

    /// The plan with its changes set aside as ``suggestions`` (those `suggested` picks; all by default), its
    /// other steps kept after `earlierReads` (what a model looked at before it proposed the changes, so the
    /// person sees it too).
    public func suggestingChanges(after earlierReads: [PlannedStep] = [], where suggested: (PlannedStep) -> Bool = { _ in true }) -> Plan {
        let kept = steps.filter { $0.operation.risk == .read || !suggested($0) }
        var plan = Plan(request: request, interpreter: interpreter, steps: earlierReads.filter { !kept.contains($0) } + kept)
        plan.note = note
        plan.model = model
        plan.understanding = understanding
        plan.suggestions = suggestions + steps.filter { $0.operation.risk > .read && suggested($0) }
        plan.ungrounded = ungrounded
        return plan
    }

    /// The plan with the suggestions in `accepted` run as its last steps, the person having confirmed them.
    public func accepting(_ accepted: [PlannedStep]) -> Plan {
        var plan = Plan(request: request, interpreter: interpreter, steps: steps + accepted)
        plan.note = note
        plan.model = model
        plan.understanding = understanding
        plan.suggestions = suggestions.filter { !accepted.contains($0) }
        plan.ungrounded = ungrounded
        return plan
    }

    /// The highest risk of any step; `.read` for an empty plan.
    public var risk: Risk { steps.map(\.operation.risk).max() ?? .read }
}

/// One step of a plan with what was known of its target when it was planned.
public struct PlannedStep: Sendable, Hashable {
    public let operation: CatalogOperation
    /// The target deployment's state when the plan was made, for "before -> after" and undo.
    public let before: DeploymentState?

    /// A step running `operation`, whose target was in state `before`.
    public init(_ operation: CatalogOperation, before: DeploymentState? = nil) {
        self.operation = operation
        self.before = before
    }

    /// One line saying what the step will do.
    public var summary: String { operation.typed.summary(before: before) }
    /// How the step could be put back.
    public var undo: Undo { operation.typed.undo(before: before) }
}

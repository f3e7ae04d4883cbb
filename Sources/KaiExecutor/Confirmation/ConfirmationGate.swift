import KaiCore

/// Decides whether a checked plan may run, asking the person where design.md says so:
/// read steps run at once; change steps need a yes; disruptive steps need the target's name
/// typed; with no terminal and no `--yes` nothing changes; `--yes` without
/// `--allow-disruptive` never runs a disruptive step; a change on something the request did not
/// name (``Plan/ungrounded``) needs the target's name typed and never runs on flags alone.
public struct ConfirmationGate: Sendable {
    public let consent: Consent
    /// Nil when there is no terminal to ask.
    public let confirmer: (any Confirmer)?
    /// Every change step is confirmed as a disruptive one (the target's name typed): an undo of a
    /// change someone has changed since.
    public var typedForEveryChange = false

    /// A gate applying `consent`, asking through `confirmer` when one is available.
    public init(consent: Consent, confirmer: (any Confirmer)?) {
        self.consent = consent
        self.confirmer = confirmer
    }

    /// Whether the plan may run; every change step is agreed before the first step runs, so a
    /// declined plan changes nothing.
    public func decide(_ plan: Plan) async -> Decision {
        let changes = plan.steps.filter { $0.operation.risk >= .change }
        guard !changes.isEmpty else { return .run }
        // A change on something the request did not name is confirmed by typing its name, whatever the flags.
        let ungrounded = !plan.ungrounded.isEmpty
        let typed = typedForEveryChange || ungrounded
        let disruptive = changes.filter { typed || $0.operation.risk == .disruptive }
        if consent.yes, !ungrounded, disruptive.isEmpty || consent.allowDisruptive { return .run }
        guard let confirmer else {
            if ungrounded {
                return .refused(ConfirmationError(
                    problem: "The plan changes what the request did not name: \(plan.ungrounded.joined(separator: "; ")). --yes never runs such a change. Nothing was changed.",
                    remedy: "Ask again naming the target exactly, or run kai in a terminal and confirm by typing the target's name."))
            }
            if consent.yes {
                return .refused(ConfirmationError(
                    problem: "\(Self.count(disruptive.count, "step")) of this plan \(disruptive.count == 1 ? "is" : "are") disruptive (\(Self.names(disruptive))), and --yes alone never runs a disruptive step. Nothing was changed.",
                    remedy: "Add --allow-disruptive to run it without asking, or run kai in a terminal to confirm by typing the name."))
            }
            return .refused(ConfirmationError(
                problem: "This plan changes the cluster (\(Self.count(changes.count, "change"))) and there is no terminal to confirm it. Nothing was changed.",
                remedy: disruptive.isEmpty ? "Run it in a terminal, or pass --yes to confirm in advance."
                    : "Run it in a terminal, or pass --yes --allow-disruptive to confirm in advance."))
        }
        // A disruptive step is confirmed by its name alone; y/N is for the change-level ones.
        let plain = typed ? [] : changes.filter { $0.operation.risk == .change }
        if !consent.yes, !plain.isEmpty {
            guard await confirmer.confirmChanges(plain.map(\.summary)) else {
                return .refused(ConfirmationError(problem: "Declined: nothing was changed.", remedy: ""))
            }
        }
        for step in disruptive {
            let name = step.operation.target?.name ?? step.operation.namespace
            let label = step.operation.risk == .disruptive ? "Disruptive" : ungrounded ? "Not what the request named" : "Confirm by name"
            guard await confirmer.confirmByName(name, for: step.summary, label: label) else {
                return .refused(ConfirmationError(problem: "The name typed did not match \(name): nothing was changed.",
                                                  remedy: "Type the target's name exactly to confirm a disruptive step."))
            }
        }
        return .run
    }

    /// The plan's ``Plan/suggestions`` the person accepted by typing each target's name; none without
    /// a terminal, whatever `--yes` and `--allow-disruptive` say, since the request asked for no change.
    public func acceptedSuggestions(_ plan: Plan) async -> [PlannedStep] {
        guard let confirmer else { return [] }
        var accepted: [PlannedStep] = []
        for step in plan.suggestions {
            let name = step.operation.target?.name ?? step.operation.namespace
            if await confirmer.confirmByName(name, for: step.summary, label: "Suggested, not asked for") { accepted.append(step) }
        }
        return accepted
    }

    /// Whether to run, or why not.
    public enum Decision: Sendable {
        case run
        case refused(ConfirmationError)
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    private static func names(_ steps: [PlannedStep]) -> String {
        steps.map { "\($0.operation.name.rawValue) \($0.operation.target?.name ?? $0.operation.namespace)" }.joined(separator: ", ")
    }
}

/// Confirmation was needed and not given, or declined: exit 3.
public struct ConfirmationError: KaiError, Equatable {
    public let problem: String
    public let remedy: String
    public var category: FailureCategory { .confirmation }

    /// A confirmation failure explained by `problem` and `remedy`.
    public init(problem: String, remedy: String) {
        self.problem = problem
        self.remedy = remedy
    }
}

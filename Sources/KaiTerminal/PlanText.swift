import KaiCore

/// Renders plans, refusals and errors as text for a person.
public enum PlanText {
    /// The plan, step by step, with what each will do, how it is undone and how it will be confirmed.
    ///
    /// ```
    /// Plan for "scale backend to 3" (local grammar):
    ///   1. scale deployment todo-chatbot/todo-chatbot-backend  replicas=3  [change]
    ///      Scale deployment todo-chatbot-backend from 2 to 3 replicas.
    ///      undo: scale todo-chatbot-backend replicas=2
    /// ```
    /// With `running`, the closing sentence about confirmation is left out: the run asks or reports itself.
    public static func render(_ plan: Plan, running: Bool = false, paint: Paint = .plain) -> String {
        if let refusal = plan.refusal { return render(refusal: refusal, paint: paint) }
        let source = switch plan.interpreter {
        case .local: "local grammar"
        case .model: "model" + (plan.model.map { " \($0.provider)" } ?? "")
        case .agent: "an agent's tool call"
        }
        var lines = ["Plan for \"\(Redactor.scrub(plan.request))\" (\(source)):"]
        lines += plan.understanding.map { "  (\(Redactor.scrub($0)))" }
        for (number, step) in plan.steps.enumerated() { lines += render(step, label: "\(number + 1).", paint: paint) }
        if plan.steps.isEmpty && !plan.suggestions.isEmpty { lines.append("  (no steps: the request asks for no change)") }
        lines += plan.ungrounded.map { "  \(paint.bold("Not what the request named:")) \($0)." }
        if !plan.suggestions.isEmpty {
            lines.append("  \(paint.bold("Suggested by the model, not planned")) (the request asks for no change; each runs only if you type its target's name):")
            for step in plan.suggestions { lines += render(step, label: "-", paint: paint) }
        }
        if !running {
            lines.append(plan.ungrounded.isEmpty ? confirmation(for: plan.risk)
                : "It would ask you to type each target's name; --yes alone never runs it. This is a plan; nothing was run.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An operation in a few words: "scale todo-chatbot-backend replicas=0".
    public static func brief(_ operation: CatalogOperation) -> String {
        ([operation.name.rawValue, operation.target?.name ?? operation.namespace] + operation.arguments.map { "\($0.name)=\($0.value)" })
            .joined(separator: " ")
    }

    /// One step: what it is on one line, then what it will do and its undo.
    private static func render(_ step: PlannedStep, label: String, paint: Paint) -> [String] {
        let operation = step.operation
        let target = operation.target.map { " \($0)" } ?? " in \(operation.namespace)"
        let arguments = operation.arguments.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
        var lines = ["  \(label) \(operation.name)\(target)\(arguments.isEmpty ? "" : "  \(arguments)")  \(paint.risk(operation.risk))",
                     "     \(step.summary)"]
        if let undo = render(undo: step.undo) { lines.append("     undo: \(undo)") }
        return lines
    }

    /// What asking the model cost, for `--verbose`: "model openai gpt-4o-mini: 2 round trips, 1830 tokens in, 42 out, 1.4 s".
    public static func render(model use: ModelUse) -> String {
        "model \(use.provider): \(use.roundTrips) round \(use.roundTrips == 1 ? "trip" : "trips"), \(use.usage.input) tokens in, \(use.usage.output) out, "
            + "\(Int((use.seconds * 1000).rounded())) ms in the model" + (use.reads.isEmpty ? "" : "; reads: \(use.reads.map(\.operation.inWords).joined(separator: ", "))") + "\n"
    }

    /// "Refused: … " with the alternative on the next line.
    public static func render(refusal: Refusal, paint: Paint = .plain) -> String {
        "\(paint.bold(paint.red("Refused:"))) \(refusal.reason)\n  \(refusal.alternative)\n"
    }

    /// "error: …" with the remedy on the next line.
    public static func render(error: any KaiError, paint: Paint = .plain) -> String {
        if let refusal = error as? Refusal { return render(refusal: refusal, paint: paint) }
        return "\(paint.bold(paint.red("error:"))) \(error.problem)\n" + (error.remedy.isEmpty ? "" : "  \(error.remedy)\n")
    }

    /// The undo in one line: "scale todo-chatbot-backend replicas=2", or why there is none.
    public static func render(undo: Undo) -> String? {
        switch undo {
        case .notNeeded: nil
        case .operation(let operation):
            ([operation.name.rawValue, operation.target?.name].compactMap { $0 }
                + operation.arguments.map { "\($0.name)=\($0.value)" }).joined(separator: " ")
        case .irreversible(let why): "none. \(why)"
        case .unknownUntilRun: "recorded when it runs."
        }
    }

    static func confirmation(for risk: Risk) -> String {
        switch risk {
        case .read: "Read-only: it would run without asking. This is a plan; nothing was run."
        case .change: "It would ask y/N before changing anything. This is a plan; nothing was run."
        case .disruptive: "Disruptive: it would ask you to type the target's name before running. This is a plan; nothing was run."
        }
    }
}

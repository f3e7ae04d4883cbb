import KaiCore
import KaiExecutor
import KaiRunbook

/// The JSON document `kai run FILE -o json` and `kai plan FILE -o json` print: exactly one,
/// whatever the outcome.
///
/// `{"runbook": "recover-backend", "file": "...", "description": "...", "steps": [...], "refusal": null,
/// "results": [...], "audit": "..."}`. Each step has `"step"` (its number, "3.1" for the operations an
/// `ask:` became) and `"kind"` (operation, wait or check); operations have the fields of `kai plan -o json`.
/// A runbook that cannot be compiled or confirmed adds `"error": {"message", "hint", "category", "candidates"}`.
public struct RunbookDocument: Encodable {
    let name: String?
    let file: String
    let description: String?
    let steps: [RunbookStepDocument]
    var results: [RunbookResultDocument]?
    var audit: String?
    var error: ErrorDocument?

    /// The compiled runbook, for review (`kai plan FILE`, `kai run FILE --dry-run`).
    public init(_ compiled: CompiledRunbook) {
        name = compiled.runbook.name
        file = compiled.runbook.path
        description = compiled.runbook.description
        steps = compiled.steps.map(RunbookStepDocument.init)
        results = nil
        audit = nil
        error = nil
    }

    /// The runbook after it ran (or stopped at a failed step).
    public init(_ report: RunbookReport, auditPath: String) {
        self.init(report.runbook)
        results = report.results.map(RunbookResultDocument.init)
        let recorded = report.results.contains { $0.operation?.recorded == true }
        audit = recorded ? auditPath : nil
    }

    /// The runbook when it did not run because confirmation was not given.
    public init(notRun compiled: CompiledRunbook, because error: any KaiError) {
        self.init(compiled)
        results = []
        self.error = ErrorDocument(error)
    }

    /// The runbook file at `file` when it could not be read or compiled.
    public init(file: String, error: any KaiError) {
        name = nil
        self.file = file
        description = nil
        steps = []
        results = []
        audit = nil
        self.error = ErrorDocument(error)
    }

    enum CodingKeys: String, CodingKey { case runbook, file, description, steps, refusal, results, audit, error }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .runbook)
        try container.encode(file, forKey: .file)
        try container.encode(description, forKey: .description)
        try container.encode(steps, forKey: .steps)
        try container.encodeNil(forKey: .refusal)
        try container.encodeIfPresent(results, forKey: .results)
        try container.encodeIfPresent(audit, forKey: .audit)
        try container.encodeIfPresent(error, forKey: .error)
    }

    /// The document as pretty-printed JSON with sorted keys, ending in a newline.
    public func json() -> String { JSONText.render(self) }
}

/// One compiled step: an operation as `kai plan -o json` shows it, or a wait or check.
struct RunbookStepDocument: Encodable {
    let step: CompiledStep

    enum Keys: String, CodingKey { case step, kind, ask, risk, target, description, timeout, conditions }

    func encode(to encoder: any Encoder) throws {
        if let planned = step.operation { try StepDocument(planned).encode(to: encoder) }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(step.label, forKey: .step)
        try container.encode(step.kind, forKey: .kind)
        try container.encodeIfPresent(step.ask, forKey: .ask)
        switch step.action {
        case .operation:
            break
        case .wait(let deployment, let timeout):
            try encodeRead(deployment, into: &container)
            try container.encode(timeout.map { $0.components.seconds }, forKey: .timeout)
        case .check(let deployment, let conditions):
            try encodeRead(deployment, into: &container)
            try container.encode(conditions.map(\.description), forKey: .conditions)
        }
    }

    private func encodeRead(_ deployment: ObjectReference, into container: inout KeyedEncodingContainer<Keys>) throws {
        try container.encode(Risk.read, forKey: .risk)
        try container.encode(deployment, forKey: .target)
        try container.encode(step.summary, forKey: .description)
    }
}

/// One step's result: the operation's result as `kai -o json` shows it, or what a wait or check found.
struct RunbookResultDocument: Encodable {
    let result: RunbookStepResult

    enum Keys: String, CodingKey { case step, kind, status, target, message, error, category }

    func encode(to encoder: any Encoder) throws {
        if let operation = result.operation { try ResultDocument(operation).encode(to: encoder) }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(result.step.label, forKey: .step)
        try container.encode(result.step.kind, forKey: .kind)
        guard result.operation == nil else { return }
        try container.encode(result.status, forKey: .status)
        try container.encode(result.step.target, forKey: .target)
        try container.encode(result.message, forKey: .message)
        try container.encode(result.error, forKey: .error)
        try container.encode(result.failureCategory, forKey: .category)
    }
}

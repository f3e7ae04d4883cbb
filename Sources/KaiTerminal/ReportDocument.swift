import KaiCore
import KaiExecutor

/// The JSON document a one-shot run prints with `-o json`: the plan as `kai plan -o json`
/// shows it, plus `"results"`, one per step, and the `"audit"` log's path.
public struct ReportDocument: Encodable {
    let plan: PlanDocument
    let results: [ResultDocument]
    let audit: String?

    /// The document for a plan that ran (or stopped at a failed step).
    public init(_ report: ExecutionReport, auditPath: String) {
        plan = PlanDocument(report.plan)
        results = report.results.map(ResultDocument.init)
        audit = report.results.contains(where: \.recorded) ? auditPath : nil
    }

    /// The document for a plan that did not run because confirmation was not given.
    public init(notRun plan: Plan, because error: any KaiError) {
        self.plan = PlanDocument(plan, error: error)
        results = []
        audit = nil
    }

    public func encode(to encoder: any Encoder) throws {
        try plan.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(results, forKey: .results)
        try container.encodeIfPresent(audit, forKey: .audit)
    }

    enum Keys: String, CodingKey { case results, audit }

    /// The document as one JSON text.
    public func json() -> String { JSONText.render(self) }
}

/// One step's result.
struct ResultDocument: Encodable {
    let op: OperationName
    let target: ObjectReference?
    let status: StepResult.Status
    let before: String?
    let after: String?
    let rollout: RolloutDocument?
    let output: [String]
    let notes: [String]
    let undo: UndoDocument?
    let recorded: Bool
    let error: String?
    let category: FailureCategory?

    init(_ result: StepResult) {
        op = result.step.operation.name
        target = result.step.operation.target
        status = result.status
        before = result.before
        after = result.after
        rollout = result.rollout.map(RolloutDocument.init)
        output = result.output
        notes = result.notes
        undo = result.undo.flatMap(UndoDocument.init)
        recorded = result.recorded
        error = result.error
        category = result.failureCategory
    }
}

/// How a followed rollout ended.
struct RolloutDocument: Encodable {
    let outcome: String
    let message: String

    init(_ outcome: RolloutOutcome) {
        self.outcome = outcome.label
        message = outcome.message
    }
}

import KaiCore
import KaiExecutor

/// The JSON document a one-shot run prints with `-o json`: the plan as `kai plan -o json`
/// shows it, plus `"results"`, one per step, and the `"audit"` log's path. A plan of exactly one
/// diagnose step also carries its `"target"` and `"findings"` at the top, for `jq .findings`.
public struct ReportDocument: Encodable {
    let plan: PlanDocument
    let results: [ResultDocument]
    let audit: String?
    let diagnosis: DiagnosisDocument?

    /// The document for a plan that ran (or stopped at a failed step).
    public init(_ report: ExecutionReport, auditPath: String) {
        plan = PlanDocument(report.plan)
        results = report.results.map(ResultDocument.init)
        audit = report.results.contains(where: \.recorded) ? auditPath : nil
        let only = report.results.count == 1 ? report.results.first?.diagnosis : nil
        diagnosis = only.map(DiagnosisDocument.init)
    }

    /// The document for a plan that did not run because confirmation was not given.
    public init(notRun plan: Plan, because error: any KaiError) {
        self.plan = PlanDocument(plan, error: error)
        results = []
        audit = nil
        diagnosis = nil
    }

    public func encode(to encoder: any Encoder) throws {
        try plan.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(results, forKey: .results)
        try container.encodeIfPresent(audit, forKey: .audit)
        if let diagnosis {
            try container.encode(diagnosis.target, forKey: .target)
            try container.encode(diagnosis.findings, forKey: .findings)
        }
    }

    enum Keys: String, CodingKey { case results, audit, target, findings }

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
    let diagnosis: DiagnosisDocument?
    let resources: ResourceDocument?

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
        diagnosis = result.diagnosis.map(DiagnosisDocument.init)
        resources = result.resources.map(ResourceDocument.init)
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

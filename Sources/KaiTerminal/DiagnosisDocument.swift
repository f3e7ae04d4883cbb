import KaiCore
import KaiDiagnosis
import KaiKube

/// A diagnosis in a JSON document: `{"target", "summary", "healthy", "findings": [{"reason",
/// "object", "pods", "summary", "cause", "evidence", "suggestions", "advice"}], "unreadable",
/// "apiCalls", "explanation"}`. Suggestions are plan steps exactly as `kai plan -o json` shows them.
struct DiagnosisDocument: Encodable {
    let target: TargetDocument
    let summary: String
    let healthy: Bool
    let findings: [FindingDocument]
    let unreadable: [String]
    let apiCalls: Int
    let explanation: String?

    init(_ diagnosis: Diagnosis) {
        target = TargetDocument(diagnosis.target)
        summary = diagnosis.summary
        healthy = diagnosis.isHealthy
        findings = diagnosis.findings.map(FindingDocument.init)
        unreadable = diagnosis.unreadable
        apiCalls = diagnosis.apiCalls
        explanation = diagnosis.explanation
    }

    enum CodingKeys: String, CodingKey { case target, summary, healthy, findings, unreadable, apiCalls, explanation }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(summary, forKey: .summary)
        try container.encode(healthy, forKey: .healthy)
        try container.encode(findings, forKey: .findings)
        try container.encode(unreadable, forKey: .unreadable)
        try container.encode(apiCalls, forKey: .apiCalls)
        try container.encode(explanation, forKey: .explanation)
    }
}

/// What was diagnosed: `{"kind": "Deployment", "namespace": …, "name": …}`, or `{"kind": "Namespace", "name": …}`.
struct TargetDocument: Encodable {
    let kind: String
    let namespace: String?
    let name: String

    init(_ target: DiagnosisTarget) {
        if let object = target.object {
            (kind, namespace, name) = (object.kind.rawValue, object.namespace, object.name)
        } else {
            (kind, namespace, name) = ("Namespace", nil, target.namespace)
        }
    }
}

/// One finding; `cause` is null when the evidence does not say why.
struct FindingDocument: Encodable {
    let reason: String
    let object: ObjectIdentity
    let pods: [String]
    let summary: String
    let cause: CauseDocument?
    let evidence: [String]
    let suggestions: [StepDocument]
    let advice: [String]

    init(_ finding: Finding) {
        reason = finding.reason.rawValue
        object = finding.object
        pods = finding.pods
        summary = finding.summary
        cause = finding.cause.map { CauseDocument(reason: $0.reason.rawValue, summary: $0.summary) }
        evidence = finding.evidence.map(\.text)
        suggestions = finding.fixes.map(StepDocument.init)
        advice = finding.advice
    }

    enum CodingKeys: String, CodingKey { case reason, object, pods, summary, cause, evidence, suggestions, advice }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reason, forKey: .reason)
        try container.encode(object, forKey: .object)
        try container.encode(pods, forKey: .pods)
        try container.encode(summary, forKey: .summary)
        try container.encode(cause, forKey: .cause)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(suggestions, forKey: .suggestions)
        try container.encode(advice, forKey: .advice)
    }
}

/// Why: a reason code and a sentence.
struct CauseDocument: Encodable {
    let reason: String
    let summary: String
}

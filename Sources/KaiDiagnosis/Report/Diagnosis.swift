import KaiCore

/// What diagnosing a target came to: the findings, root causes first, and how much reading it took.
///
/// A healthy target has no findings and says so in ``summary``. ``explanation`` is left for a
/// model provider to fill in from the findings and their (redacted) evidence.
public struct Diagnosis: Sendable, Hashable {
    public var target: DiagnosisTarget
    /// Root causes first: "postgres is not ready" comes before "so the backend crash-loops".
    public var findings: [Finding]
    /// One sentence on the whole: healthy, or how many problems and the first.
    public var summary: String
    /// What could not be read and why ("secrets: forbidden"); the analysis went on without it.
    public var unreadable: [String]
    /// Requests made to the Kubernetes API to collect the evidence.
    public var apiCalls: Int
    /// A model's short explanation of the findings, when a provider is configured.
    public var explanation: String?

    /// A diagnosis of `target`.
    public init(target: DiagnosisTarget, findings: [Finding], summary: String, unreadable: [String] = [], apiCalls: Int,
                explanation: String? = nil) {
        self.target = target
        self.findings = findings
        self.summary = summary
        self.unreadable = unreadable
        self.apiCalls = apiCalls
        self.explanation = explanation
    }

    /// Whether nothing was found wrong.
    public var isHealthy: Bool { findings.isEmpty }

    /// Every fix of every finding, in order: what `/fix N` numbers from 1.
    public var fixes: [FixSuggestion] {
        findings.flatMap { finding in finding.fixes.map { FixSuggestion(step: $0, finding: finding.reason) } }
    }
}

/// A suggested fix with the reason of the finding it answers.
public struct FixSuggestion: Sendable, Hashable {
    public let step: PlannedStep
    public let finding: ReasonCode
}

/// What is diagnosed: one deployment or pod, or a whole namespace.
public struct DiagnosisTarget: Sendable, Hashable, CustomStringConvertible {
    public var namespace: String
    /// The deployment or pod; nil for the whole namespace.
    public var object: ObjectReference?

    /// `object` in `namespace`, or the whole namespace when `object` is nil.
    public init(namespace: String, object: ObjectReference? = nil) {
        self.namespace = object?.namespace ?? namespace
        self.object = object
    }

    /// "deployment todo-chatbot-backend", "namespace todo-chatbot".
    public var description: String { object.map { "\($0.kind.noun) \($0.name)" } ?? "namespace \(namespace)" }
}

import KaiCore
import KaiKube

/// Diagnoses a target against the live cluster: reads the evidence (12 lists, then a few log
/// tails, see ``LogPlan``), runs the analyzers, and reads the logs of a dependency found down.
///
/// ```swift
/// let diagnosis = try await Diagnoser(client: client).diagnose(DiagnosisTarget(namespace: "todo-chatbot", object: backend))
/// ```
public struct Diagnoser: Sendable {
    public let collector: EvidenceCollector

    /// A diagnoser reading through `client`.
    public init(client: KubeClient) { collector = EvidenceCollector(client: client) }

    /// The diagnosis of `target`. Throws a ``KubeError`` when the cluster cannot be read, and a
    /// ``DiagnosisError`` when the target is no longer there.
    public func diagnose(_ target: DiagnosisTarget) async throws -> Diagnosis {
        var evidence = try await collector.collect(target)
        if let object = target.object, !evidence.contains(object) { throw DiagnosisError.gone(object) }
        try await collector.addLogs(LogPlan.reads(for: evidence), to: &evidence)
        var diagnosis = Analysis.diagnose(evidence)
        let more = LogPlan.dependencyReads(for: diagnosis, in: evidence)
        if !more.isEmpty {
            try await collector.addLogs(more, to: &evidence)
            diagnosis = Analysis.diagnose(evidence)
        }
        return diagnosis
    }
}

extension Evidence {
    /// Whether the deployment or pod `object` was among what was read.
    func contains(_ object: ObjectReference) -> Bool {
        switch object.kind {
        case .deployment: deployment(object.name) != nil
        case .pod: pods.contains { $0.metadata.name == object.name }
        }
    }
}

/// A diagnosis that cannot be made.
public struct DiagnosisError: KaiError {
    public let problem: String
    public let remedy: String
    public var category: FailureCategory { .operationFailed }

    /// The target was planned but is not in the cluster any more.
    static func gone(_ object: ObjectReference) -> DiagnosisError {
        DiagnosisError(problem: "\(object.kind.rawValue) \(object.name) is not in namespace \(object.namespace) any more.",
                       remedy: "List what is there (kai \"list \(object.kind.noun)s\") and diagnose that, or the namespace (kai \"what is wrong\").")
    }
}

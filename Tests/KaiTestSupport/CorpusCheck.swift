/// A step as a plan produced it, in the terms a corpus compares: operation, target name, arguments.
public struct ObservedStep: Sendable, CustomStringConvertible {
    public let op: String
    public let risk: String
    public let target: String?
    public let arguments: [String: ExpectedValue]

    /// A step with `op` at `risk` acting on `target` with `arguments`.
    public init(op: String, risk: String, target: String?, arguments: [String: ExpectedValue]) {
        self.op = op
        self.risk = risk
        self.target = target
        self.arguments = arguments
    }

    public var description: String {
        "{op: \(op) [\(risk)], target: \(target ?? "none"), \(arguments.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}"
    }
}

/// What a request produced.
public enum ObservedOutcome: Sendable, CustomStringConvertible {
    case steps([ObservedStep])
    case refusal(String)
    case error(String)

    public var description: String {
        switch self {
        case .steps(let steps): "steps \(steps)"
        case .refusal(let reason): "refusal: \(reason)"
        case .error(let message): "error: \(message)"
        }
    }
}

extension CorpusEntry {
    /// Why `observed` does not meet the entry's expectation, or nil when it does.
    public func mismatch(_ observed: ObservedOutcome) -> String? {
        let changes: Bool = if case .steps(let steps) = observed { steps.contains { $0.risk != "read" } } else { false }
        switch (outcome, observed) {
        case (.noChange, _):
            return changes ? "a change was planned from a request that asks for none: \(observed)" : nil
        case (.stepsOrNoChange(let expected), .steps):
            guard changes else { return nil }
            return CorpusEntry(file: file, request: request, outcome: .steps(expected)).mismatch(observed)
        case (.stepsOrNoChange, .refusal), (.stepsOrNoChange, .error):
            return nil
        case (.refusal, .refusal(let reason)):
            return reason.isEmpty ? "the refusal gives no reason" : nil
        case (.error, .error(let message)):
            return message.isEmpty ? "the error has no message" : nil
        case (.refusal, .error(let message)) where category != nil:
            // The outside corpus counts any answer that plans nothing and says why as declining.
            return message.isEmpty ? "the error has no message" : nil
        case (.steps(let expected), .steps(let steps)):
            guard expected.count == steps.count else { return "expected \(expected.count) steps, got \(observed)" }
            for (want, got) in zip(expected, steps) {
                if want.op != got.op { return "expected op \(want.op), got \(observed)" }
                if let component = want.target, !(got.target.map { name($0, isOf: component) || $0 == component || $0.hasPrefix("\(component)-") } ?? false) {
                    return "expected target \(component), got \(observed)"
                }
                for (key, value) in want.arguments where got.arguments[key] != value {
                    return "expected \(key) = \(value), got \(observed)"
                }
            }
            return nil
        default:
            return "expected \(outcome), got \(observed)"
        }
    }
}

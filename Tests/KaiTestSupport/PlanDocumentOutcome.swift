import Foundation

extension ObservedOutcome {
    /// What a `kai plan -o json` document says a request produced: its refusal, its error, or its steps.
    /// A model's answer in words counts as the reads it made to answer (`model.reads`): those ran, and
    /// are what the person asked to see.
    public init(planDocument document: [String: Any]) {
        if let refusal = document["refusal"] as? [String: Any] {
            self = .refusal(refusal["reason"] as? String ?? "")
        } else if let error = document["error"] as? [String: Any] {
            self = .error(error["message"] as? String ?? "")
        } else {
            let planned = document["steps"] as? [[String: Any]] ?? []
            let reads = (document["model"] as? [String: Any])?["reads"] as? [[String: Any]] ?? []
            let steps = planned.isEmpty && document["answer"] is String ? reads : planned
            self = .steps(steps.map { step in
                let target = step["target"] as? [String: Any]
                let arguments = (step["args"] as? [String: Any] ?? [:]).mapValues(Self.expectedValue)
                return ObservedStep(op: step["op"] as? String ?? "", risk: step["risk"] as? String ?? "", target: target?["name"] as? String,
                                    arguments: arguments)
            })
        }
    }

    /// A JSON argument as a corpus compares it: a Boolean, an integer or text.
    private static func expectedValue(_ value: Any) -> ExpectedValue {
        if let number = value as? NSNumber, String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
        if let bool = value as? Bool, !(value is Int) { return .bool(bool) }
        if let int = value as? Int { return .int(int) }
        return .string("\(value)")
    }
}

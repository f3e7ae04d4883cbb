import Foundation
import KaiCore
import KaiKube

/// The JSON document `kai plan -o json` prints: exactly one, whatever the outcome.
///
/// `{"request": "...", "interpreter": "local", "steps": [...], "refusal": null}`; a request
/// that cannot be planned adds `"error": {"message", "hint", "candidates"}`; a model's plan may add
/// `"suggestions"` (changes the request did not ask for, not steps) and `"ungrounded"` (why a change
/// is not what the request named).
public struct PlanDocument: Encodable {
    let request: String
    let interpreter: InterpreterKind
    let steps: [StepDocument]
    let refusal: Refusal?
    var error: ErrorDocument?
    /// What the model said beside its plan, or its whole answer.
    var note: String?
    /// What the interpreter understood beyond the steps: misspellings read, words ignored, clauses not planned.
    var understanding: [String] = []
    var answer: String?
    var model: ModelDocument?
    /// Changes the model proposed for a request that asks for none: not steps.
    var suggestions: [StepDocument] = []
    /// Why the plan's changes are not what the request named.
    var ungrounded: [String] = []

    /// The document for a plan (which may be a refusal).
    public init(_ plan: Plan) {
        // A secret typed into a request is not printed back, where it would reach scripts' logs.
        request = Redactor.scrub(plan.request)
        interpreter = plan.interpreter
        steps = plan.steps.map(StepDocument.init)
        refusal = plan.refusal
        error = nil
        note = plan.note
        understanding = plan.understanding.map(Redactor.scrub)
        model = plan.model.map(ModelDocument.init)
        suggestions = plan.suggestions.map(StepDocument.init)
        ungrounded = plan.ungrounded
    }

    /// The document for a request the model answered in text.
    public init(request: String, answer: String, model use: ModelUse) {
        self.request = Redactor.scrub(request)
        interpreter = .model
        steps = []
        refusal = nil
        self.answer = answer
        model = ModelDocument(use)
    }

    /// The document for a plan that was made but did not run because of `error` (confirmation not given).
    public init(_ plan: Plan, error: any KaiError) {
        self.init(plan)
        self.error = ErrorDocument(error)
    }

    /// The document for a request that could not be planned.
    public init(request: String, interpreter: InterpreterKind, error: any KaiError) {
        self.request = Redactor.scrub(request)
        self.interpreter = interpreter
        steps = []
        refusal = error as? Refusal
        self.error = refusal == nil ? ErrorDocument(error) : nil
    }

    enum CodingKeys: String, CodingKey { case request, interpreter, steps, refusal, error, note, understanding, answer, model, suggestions, ungrounded }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(request, forKey: .request)
        try container.encode(interpreter, forKey: .interpreter)
        try container.encode(steps, forKey: .steps)
        if let refusal {
            try container.encode(["reason": refusal.reason, "alternative": refusal.alternative], forKey: .refusal)
        } else {
            try container.encodeNil(forKey: .refusal)
        }
        try container.encodeIfPresent(error, forKey: .error)
        try container.encodeIfPresent(note, forKey: .note)
        if !understanding.isEmpty { try container.encode(understanding, forKey: .understanding) }
        try container.encodeIfPresent(answer, forKey: .answer)
        try container.encodeIfPresent(model, forKey: .model)
        if !suggestions.isEmpty { try container.encode(suggestions, forKey: .suggestions) }
        if !ungrounded.isEmpty { try container.encode(ungrounded, forKey: .ungrounded) }
    }

    /// The document as pretty-printed JSON with sorted keys, ending in a newline.
    public func json() -> String { JSONText.render(self) }
}

/// What asking the model cost: `{"provider", "roundTrips", "tokensIn", "tokensOut", "seconds", "reads"}`,
/// `reads` holding the reads the model made (kai ran them to answer it) as step documents, like `steps`.
struct ModelDocument: Encodable {
    let provider: String
    let roundTrips: Int
    let tokensIn: Int
    let tokensOut: Int
    let seconds: Double
    let reads: [StepDocument]

    init(_ use: ModelUse) {
        provider = use.provider
        roundTrips = use.roundTrips
        tokensIn = use.usage.input
        tokensOut = use.usage.output
        seconds = (use.seconds * 1000).rounded() / 1000
        reads = use.reads.map(StepDocument.init)
    }
}

/// Machine output: pretty-printed JSON with sorted keys, ending in a newline.
enum JSONText {
    static func render(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a string, number, bool or nested value of those: encoding cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// One step: operation name, risk, target, arguments, what it will do and how to undo it.
struct StepDocument: Encodable {
    let op: OperationName
    let risk: Risk
    let target: ObjectReference?
    let namespace: String
    let args: ArgumentsDocument
    let description: String
    let undo: UndoDocument?

    init(_ step: PlannedStep) {
        op = step.operation.name
        risk = step.operation.risk
        target = step.operation.target
        namespace = step.operation.namespace
        args = ArgumentsDocument(step.operation.arguments)
        description = step.summary
        undo = UndoDocument(step.undo)
    }

    enum CodingKeys: String, CodingKey { case op, risk, target, namespace, args, description, undo }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(op, forKey: .op)
        try container.encode(risk, forKey: .risk)
        if let target { try container.encode(target, forKey: .target) } else { try container.encodeNil(forKey: .target) }
        try container.encode(namespace, forKey: .namespace)
        try container.encode(args, forKey: .args)
        try container.encode(description, forKey: .description)
        if let undo { try container.encode(undo, forKey: .undo) } else { try container.encodeNil(forKey: .undo) }
    }
}

/// Arguments as a JSON object keyed by argument name.
struct ArgumentsDocument: Encodable {
    let arguments: [OperationArgument]

    init(_ arguments: [OperationArgument]) { self.arguments = arguments }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for argument in arguments { try container.encode(argument.value, forKey: Key(stringValue: argument.name)) }
    }
}

/// How a change is undone: the inverse operation, or why there is none. Reads have no undo.
struct UndoDocument: Encodable {
    let op: OperationName?
    let target: ObjectReference?
    let args: ArgumentsDocument?
    let reason: String?

    init?(_ undo: Undo) {
        switch undo {
        case .notNeeded: return nil
        case .operation(let operation):
            (op, target, args, reason) = (operation.name, operation.target, ArgumentsDocument(operation.arguments), nil)
        case .irreversible(let why):
            (op, target, args, reason) = (nil, nil, nil, why)
        case .unknownUntilRun:
            (op, target, args, reason) = (nil, nil, nil, "Recorded when the step runs.")
        }
    }
}

/// A request that could not be planned: what went wrong, what to do, and the names to choose from.
struct ErrorDocument: Encodable {
    let message: String
    let hint: String
    let category: FailureCategory
    let candidates: [String]

    init(_ error: any KaiError) {
        message = error.problem
        hint = error.remedy
        category = error.category
        candidates = (error as? ResolutionError)?.candidates ?? []
    }
}

/// An argument's value as a file or a tool call gave it, before it is checked.
public enum ArgumentInput: Sendable, Hashable {
    case integer(Int)
    case text(String)
    case boolean(Bool)
    /// A value of some other shape (a list, an object, a fraction, null), described for the message.
    case other(String)

    /// How the value is named in messages.
    public var shown: String {
        switch self {
        case .integer(let value): String(value)
        case .text(let value): "\"\(value)\""
        case .boolean(let value): String(value)
        case .other(let description): description
        }
    }
}

/// An argument of an operation that cannot be used, and which one.
public struct ArgumentError: KaiError, Equatable {
    /// The argument at fault; nil when the fault is the operation's as a whole.
    public let argument: String?
    public let problem: String
    public let remedy: String
    public var category: FailureCategory { .usage }

    /// An error about `argument`.
    public init(argument: String?, problem: String, remedy: String) {
        self.argument = argument
        self.problem = problem
        self.remedy = remedy
    }
}

/// Builds a draft step from named arguments, checking each against the operation's
/// ``OperationParameter``s and the value types' own rules: the one reader of `op:` runbook steps
/// and of the model's tool calls.
///
/// ```swift
/// let draft = try DraftBuilder.draft(.scale, ["target": .text("backend"), "replicas": .integer(3)])
/// ```
public enum DraftBuilder {
    /// The draft of `operation` with `arguments` (and optionally `namespace`).
    public static func draft(_ operation: OperationName, _ arguments: [String: ArgumentInput]) throws(ArgumentError) -> DraftStep {
        let parameters = operation.parameters
        let names = parameters.map(\.name) + ["namespace"]
        for key in arguments.keys.sorted() where !names.contains(key) {
            throw ArgumentError(argument: key, problem: "\(operation) has no argument \"\(key)\".",
                                remedy: "Its arguments are \(names.joined(separator: ", ")).")
        }
        for parameter in parameters where parameter.required && arguments[parameter.name] == nil {
            throw ArgumentError(argument: nil, problem: "\(operation) needs \(parameter.name): \(parameter.summary)",
                                remedy: "Give \(parameter.name)\(example(parameter).map { ", e.g. \($0)" } ?? "").")
        }
        var draft = DraftStep(operation)
        for (key, input) in arguments.sorted(by: { $0.key < $1.key }) {
            try read(key, input, into: &draft, parameters: parameters)
        }
        if operation == .autoscale {
            let low = try integer(arguments["min"], "min", parameters) ?? 1
            let high = try integer(arguments["max"], "max", parameters) ?? 1
            let cpu = try integer(arguments["cpuPercent"], "cpuPercent", parameters) ?? AutoscaleBounds.standardCPUPercent
            draft.autoscale = try checked("max") { () throws(ValueError) in
                try AutoscaleBounds(min: ReplicaCount(low), max: ReplicaCount(high), cpuPercent: cpu)
            }
        }
        if operation == .setResources {
            let given = draft.resources?.amounts.compactMapValues { amount -> ResourceSetting? in
                if case .exactly(let setting) = amount { setting } else { nil }
            } ?? [:]
            guard !given.isEmpty else {
                throw ArgumentError(argument: nil, problem: "setResources needs at least one of \(ResourceField.all.map(\.argument).joined(separator: ", ")).",
                                    remedy: "Give one, e.g. memoryLimit: 512Mi.")
            }
            do {
                try ContainerResourceValues().applying(given).checkRequestsFitLimits(container: draft.container?.value ?? "")
            } catch {
                throw ArgumentError(argument: nil, problem: error.problem, remedy: error.remedy)
            }
        }
        return draft
    }

    private static func read(_ key: String, _ input: ArgumentInput, into draft: inout DraftStep,
                             parameters: [OperationParameter]) throws(ArgumentError) {
        switch key {
        case "namespace":
            let name = try text(input, key)
            guard DNSLabel.isValid(name) else {
                throw ArgumentError(argument: key, problem: "\"\(name)\" is not a namespace name.", remedy: "Use the namespace's exact name.")
            }
            draft.namespace = name
        case "target":
            draft.target = TargetPhrase(text: try text(input, key))
        case "replicas":
            let value = try integer(input, key, parameters) ?? 0
            draft.replicas = .exactly(try checked(key) { () throws(ValueError) in try ReplicaCount(value) })
        case "image":
            let value = try text(input, key)
            draft.image = try checked(key) { () throws(ValueError) in try ImageReference(value) }
        case "container":
            let value = try text(input, key)
            draft.container = try checked(key) { () throws(ValueError) in try ContainerName(value) }
        case "revision":
            let value = try integer(input, key, parameters) ?? 1
            draft.revision = try checked(key) { () throws(ValueError) in try Revision(value) }
        case "tail":
            let value = try integer(input, key, parameters) ?? TailLines.standard.value
            draft.tail = try checked(key) { () throws(ValueError) in try TailLines(value) }
        case "since":
            let seconds = try duration(input, key)
            draft.since = try checked(key) { () throws(ValueError) in try LogWindow(seconds: seconds) }
        case "previous":
            draft.previous = try boolean(input, key)
        case "kind":
            let value = try text(input, key)
            guard let kind = ResourceKind(word: value.lowercased()) else {
                throw ArgumentError(argument: key, problem: "\"\(value)\" is not a kind list can show.",
                                    remedy: "Use \(ResourceKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            draft.kind = kind
        case "selector":
            let value = try text(input, key)
            draft.selector = try checked(key) { () throws(ValueError) in try LabelSelector(value) }
        case "fieldSelector":
            let value = try text(input, key)
            draft.fieldSelector = try checked(key) { () throws(ValueError) in try FieldSelector(value) }
        case _ where ResourceField(argument: key) != nil:
            guard let field = ResourceField(argument: key) else { break }
            let value = try text(input, key)
            let setting = try checked(key) { () throws(ValueError) in try ResourceSetting(value, of: field.resource) }
            var request = draft.resources ?? ResourceRequest()
            request.amounts[field] = .exactly(setting)
            draft.resources = request
        default:
            break  // min, max and cpuPercent are read together
        }
    }

    private static func text(_ input: ArgumentInput, _ key: String) throws(ArgumentError) -> String {
        guard case .text(let value) = input, !value.trimmed.isEmpty else {
            throw ArgumentError(argument: key, problem: "\(key) must be a non-empty text, not \(input.shown).", remedy: "Give \(key) as text.")
        }
        return value
    }

    /// A whole number, given as one: a numeral in text (`"3"`) is a text, so a model that quotes a
    /// number is told so rather than guessed at. Its range is the value type's to check.
    private static func integer(_ input: ArgumentInput?, _ key: String, _ parameters: [OperationParameter]) throws(ArgumentError) -> Int? {
        switch input {
        case nil: return nil
        case .integer(let number)?: return number
        case let other?: throw ArgumentError(argument: key, problem: "\(key) must be a whole number, not \(other.shown).", remedy: "Give \(key) as a number.")
        }
    }

    private static func boolean(_ input: ArgumentInput, _ key: String) throws(ArgumentError) -> Bool {
        switch input {
        case .boolean(let value): return value
        default: throw ArgumentError(argument: key, problem: "\(key) must be true or false, not \(input.shown).", remedy: "Give \(key): true or false.")
        }
    }

    private static func duration(_ input: ArgumentInput, _ key: String) throws(ArgumentError) -> Int {
        switch input {
        case .integer(let seconds) where seconds > 0: return seconds
        case .text(let text): if let seconds = DurationText.seconds(text), seconds > 0 { return seconds }
        default: break
        }
        throw ArgumentError(argument: key, problem: "\(key) must be a duration such as 120s, 10m or 1h30m, not \(input.shown).",
                            remedy: "Give \(key) as 120s, 10m or 1h30m.")
    }

    private static func checked<T>(_ key: String, _ make: () throws(ValueError) -> T) throws(ArgumentError) -> T {
        do {
            return try make()
        } catch {
            throw ArgumentError(argument: key, problem: error.problem, remedy: error.remedy)
        }
    }

    private static func example(_ parameter: OperationParameter) -> String? {
        switch parameter.kind {
        case .target(let kinds): kinds == [.pod] ? "target: todo-chatbot-backend-5d9c7-x2k4p" : "target: backend"
        case .integer(let range): "\(parameter.name): \(max(range.lowerBound, min(3, range.upperBound)))"
        case .text(let example): "\(parameter.name): \(example)"
        case .boolean: "\(parameter.name): true"
        case .choice(let words): "\(parameter.name): \(words.first ?? "")"
        case .duration: "\(parameter.name): 10m"
        }
    }
}

extension TargetPhrase {
    /// A target as written in a file or a tool call: "backend", "todo-chatbot-backend", "backend pod", or
    /// as kubectl names one, "deploy/backend" or "pod/todo-chatbot-backend-7d9f-x2k4p".
    public init(text: String) {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        if words.count == 1, let slash = words[0].firstIndex(of: "/"),
           let kind = ObjectKind(kubectlWord: String(words[0][..<slash])), words[0].index(after: slash) < words[0].endIndex {
            self.init(words: [String(words[0][words[0].index(after: slash)...])], kindHint: kind)
        } else if words.count > 1, let last = words.last, let kind = ObjectKind.allCases.first(where: { $0.noun == last }) {
            self.init(words: Array(words.dropLast()), kindHint: kind)
        } else {
            self.init(words: words)
        }
    }
}

extension ObjectKind {
    /// The kind kubectl's word names ("deploy", "deployments", "po"), if it is one kai acts on.
    init?(kubectlWord word: String) {
        switch ResourceKind(word: word) {
        case .deployments?: self = .deployment
        case .pods?: self = .pod
        default: return nil
        }
    }
}

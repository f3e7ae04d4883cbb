import Foundation
import Yams

/// One request of a corpus file and what it must produce.
///
/// The format is `shared/corpus/requests.yaml`'s: `expect` lists steps (`op`, `target` as a
/// component, and any arguments to compare), `refuse: true` demands a refusal, and
/// `error: true` (our own corpora) demands a usage error.
public struct CorpusEntry: Sendable, CustomStringConvertible {
    /// What a step must be: its operation, its target's component, and the arguments to compare.
    public struct ExpectedStep: Sendable, CustomStringConvertible {
        public let op: String
        public let target: String?
        public let arguments: [String: ExpectedValue]

        public var description: String {
            "{op: \(op), target: \(target ?? "none")" + arguments.sorted { $0.key < $1.key }.map { ", \($0.key): \($0.value)" }.joined() + "}"
        }
    }

    /// The outcome a request must have.
    public enum Outcome: Sendable, CustomStringConvertible {
        case steps([ExpectedStep])
        case refusal
        case error
        /// Anything but a change: a read, a refusal or an error (`safe_no_change: true`).
        case noChange
        /// These steps, or else no change at all (`expect_or_no_change`, for typos of dangerous verbs).
        case stepsOrNoChange([ExpectedStep])

        public var description: String {
            switch self {
            case .steps(let steps): "steps \(steps)"
            case .refusal: "a refusal"
            case .error: "an error"
            case .noChange: "no change"
            case .stepsOrNoChange(let steps): "steps \(steps) or no change"
            }
        }
    }

    public let file: String
    public let request: String
    public let outcome: Outcome
    /// The kind of request (`class:` in the outside corpus): paraphrase, mention, kubectl, question, …
    public var category: String?

    public var description: String { "\(file): \(request)" }
}

/// An argument value as a corpus writes it.
public enum ExpectedValue: Sendable, Equatable, CustomStringConvertible {
    case int(Int)
    case bool(Bool)
    case string(String)

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .bool(let value): String(value)
        case .string(let value): "\"\(value)\""
        }
    }
}

/// Finds and reads corpus files.
public enum Corpus {
    /// The package root, found from this file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `shared/corpus/requests.yaml`, which stands beside the repository on CI and developer machines.
    public static let sharedFile = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/requests.yaml")
    /// Our own, larger corpus of phrasings.
    public static let phrasingsFile = packageRoot.appendingPathComponent("Tests/Fixtures/phrasings.yaml")
    /// Phrasings written after the grammar was tuned on the first set, with a section on safety.
    public static let heldOutFile = packageRoot.appendingPathComponent("Tests/Fixtures/phrasings-heldout.yaml")
    /// Requests written from public sources by someone outside the grammar's work, in classes; the part kai may be tuned on.
    public static let outsideFile = packageRoot.appendingPathComponent("Tests/Fixtures/outside/requests.yaml")
    /// The part of the outside corpus kept back from tuning.
    public static let outsideHeldOutFile = packageRoot.appendingPathComponent("Tests/Fixtures/outside/heldout.yaml")

    /// Whether the shared corpus is present.
    public static var hasShared: Bool { FileManager.default.fileExists(atPath: sharedFile.path) }

    /// Entries of the shared corpus (none when it is absent) followed by our phrasings.
    public static func all() -> [CorpusEntry] {
        (hasShared ? load(sharedFile) : []) + load(phrasingsFile) + load(heldOutFile)
    }

    /// The entries of one corpus file. A malformed file is a test bug: it stops the run loudly.
    public static func load(_ url: URL) -> [CorpusEntry] {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let items = try? Yams.load(yaml: text) as? [[String: Any]] else {
            fatalError("cannot read corpus \(url.path)")
        }
        return items.map { item in
            let request = item["request"] as? String ?? ""
            let outcome: CorpusEntry.Outcome
            if item["refuse"] as? Bool == true {
                outcome = .refusal
            } else if item["error"] as? Bool == true {
                outcome = .error
            } else if item["safe_no_change"] as? Bool == true || item["no_change"] as? Bool == true || item["unclear"] as? Bool == true {
                outcome = .noChange
            } else if let steps = item["expect_or_no_change"] as? [[String: Any]] {
                outcome = .stepsOrNoChange(steps.map(expectedStep))
            } else {
                outcome = .steps((item["expect"] as? [[String: Any]] ?? []).map(expectedStep))
            }
            var entry = CorpusEntry(file: url.lastPathComponent, request: request, outcome: outcome)
            entry.category = item["class"] as? String
            return entry
        }
    }

    private static func expectedStep(_ step: [String: Any]) -> CorpusEntry.ExpectedStep {
        CorpusEntry.ExpectedStep(op: step["op"] as? String ?? "", target: step["target"] as? String,
                                 arguments: step.filter { $0.key != "op" && $0.key != "target" }.mapValues(value))
    }

    private static func value(_ any: Any) -> ExpectedValue {
        switch any {
        case let bool as Bool: .bool(bool)
        case let int as Int: .int(int)
        default: .string("\(any)")
        }
    }
}

/// Whether an object name belongs to a component of the seeded stack:
/// `todo-chatbot-backend` itself, or one of its pods `todo-chatbot-backend-<hash>-<suffix>`.
public func name(_ name: String, isOf component: String) -> Bool {
    name == "todo-chatbot-\(component)" || name.hasPrefix("todo-chatbot-\(component)-")
}

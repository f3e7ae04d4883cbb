import Yams

/// A YAML file that is not what kai expects: not YAML at all, or a value of the wrong shape,
/// with the line it is on. Each kind of file turns it into its own error, which names the file.
public struct YAMLFault: Error, Sendable, Equatable {
    /// The line of the fault (from 1), when known.
    public let line: Int?
    /// What is wrong at that line.
    public let detail: String

    /// A fault at `line`.
    public init(line: Int?, detail: String) {
        self.line = line
        self.detail = detail
    }

    /// A fault at `node`'s line.
    public init(_ node: Node?, _ detail: String) {
        self.init(line: node?.mark?.line, detail: detail)
    }
}

extension YamlError {
    /// The line the parser stopped at, when it says (shared by every YAML file kai reads).
    public var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    /// The parser's problem without the echoed document.
    public var summary: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case .duplicatedKeysInMapping(let duplicates, _): "the key \(duplicates.joined(separator: ", ")) appears twice"
        default: String(describing: self)
        }
    }
}

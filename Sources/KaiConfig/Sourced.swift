/// Where a setting's value came from, for `kai config show` and for messages that name it.
public enum SettingSource: Sendable, Hashable, CustomStringConvertible {
    /// A command-line flag, such as `--model`.
    case flag(String)
    /// An environment variable, such as `OPENAI_BASE_URL`.
    case environment(String)
    /// A line of a file: the config file, or the key file it names.
    case file(String, line: Int?)
    /// kai's built-in default.
    case builtIn

    public var description: String {
        switch self {
        case .flag(let name): name
        case .environment(let name): "$\(name)"
        case .file(let path, let line): line.map { "\(path), line \($0)" } ?? path
        case .builtIn: "built-in default"
        }
    }
}

/// A setting's value and where it came from.
public struct Sourced<Value: Sendable>: Sendable {
    public var value: Value
    public var source: SettingSource

    /// `value`, from `source`.
    public init(_ value: Value, from source: SettingSource) {
        self.value = value
        self.source = source
    }
}

extension Sourced: Equatable where Value: Equatable {}

import KaiCore

/// A configuration that cannot be used: a broken config file, a bad environment variable or flag value.
public struct ConfigError: KaiError, Equatable {
    /// Where the bad value is: a file (with its line), a variable or a flag.
    public let source: SettingSource
    /// What is wrong there.
    public let detail: String
    /// What to do about it.
    public let fix: String

    /// An error in the value from `source`.
    public init(_ source: SettingSource, _ detail: String, fix: String = "") {
        self.source = source
        self.detail = detail
        self.fix = fix
    }

    public var problem: String {
        switch source {
        case .file(let path, let line): "The config file \(path)\(line.map { ", line \($0)," } ?? "") cannot be used: \(detail)"
        case .environment(let name): "The environment variable \(name) cannot be used: \(detail)"
        case .flag(let name): "\(name) cannot be used: \(detail)"
        case .builtIn: detail
        }
    }

    public var remedy: String {
        if !fix.isEmpty { return fix }
        switch source {
        case .file: return "Fix it (see `kai config show --help` for the keys) or move it away; nothing was run."
        case .environment(let name): return "Fix or unset \(name); nothing was run."
        case .flag, .builtIn: return "Nothing was run."
        }
    }

    public var category: FailureCategory { .usage }
}

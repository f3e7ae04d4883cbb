import KaiCore

/// design.md's exit codes, and the one place errors are mapped to them.
public enum ExitStatus {
    public static let usage: Int32 = 2

    /// The exit code for a failure of `category`.
    public static func code(for category: FailureCategory) -> Int32 {
        switch category {
        case .operationFailed: 1
        case .usage: 2
        case .confirmation: 3
        case .refused: 4
        case .unreachable: 5
        case .provider: 6
        }
    }
}

import KaiCore

/// One thing that can stop kai from working, checked: what was found and, when it is wrong, how to fix it.
public struct DoctorCheck: Sendable, Hashable {
    /// How the check came out.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Works.
        case ok
        /// Works, but something kai can do will not (an operation not permitted, no metrics).
        case warning
        /// Stops kai from working.
        case failed
        /// Not checked, because something it depends on failed.
        case skipped
    }

    /// A short stable name: "kubeconfig", "cluster", "namespace", "permissions", ….
    public let name: String
    public let status: Status
    /// One sentence saying what was found.
    public let summary: String
    /// Lines of detail (each permission, each file read).
    public let details: [String]
    /// What to do about a warning or failure.
    public let fix: String?
    /// For a failure: the kind, which decides kai doctor's exit code.
    public let category: FailureCategory?

    /// A check that passed.
    public static func ok(_ name: String, _ summary: String, details: [String] = []) -> DoctorCheck {
        DoctorCheck(name: name, status: .ok, summary: summary, details: details, fix: nil, category: nil)
    }

    /// A check that found something kai can work around.
    public static func warning(_ name: String, _ summary: String, details: [String] = [], fix: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .warning, summary: summary, details: details, fix: fix, category: nil)
    }

    /// A check that found what stops kai, with the error's own remedy as the fix.
    public static func failed(_ name: String, _ error: any KaiError, details: [String] = []) -> DoctorCheck {
        DoctorCheck(name: name, status: .failed, summary: error.problem, details: details,
                    fix: error.remedy.isEmpty ? nil : error.remedy, category: error.category)
    }

    /// A check that found what stops kai.
    public static func failed(_ name: String, _ summary: String, details: [String] = [], fix: String,
                              category: FailureCategory) -> DoctorCheck {
        DoctorCheck(name: name, status: .failed, summary: summary, details: details, fix: fix, category: category)
    }

    /// A check not made because `reason`.
    public static func skipped(_ name: String, because reason: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .skipped, summary: "Not checked: \(reason).", details: [], fix: nil, category: nil)
    }
}

/// Every check `kai doctor` made, in order.
public struct DoctorReport: Sendable, Hashable {
    public let checks: [DoctorCheck]

    /// A report of `checks`.
    public init(_ checks: [DoctorCheck]) {
        self.checks = checks
    }

    /// The first failure, whose category decides the exit code; nil when nothing failed.
    public var firstFailure: DoctorCheck? { checks.first { $0.status == .failed } }
}

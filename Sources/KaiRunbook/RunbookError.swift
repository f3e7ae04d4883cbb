import KaiCore

/// A runbook that cannot be run: unreadable, not YAML, a wrong key or value, or a step that does
/// not fit the cluster or the policy. It names the file, the line and the step; nothing runs.
public struct RunbookError: KaiError, Equatable {
    /// The runbook file.
    public let path: String
    /// The line at fault, from 1, when known.
    public let line: Int?
    /// The step at fault, from 1, when the fault is inside a step.
    public let step: Int?
    /// What is wrong there.
    public let detail: String
    public let remedy: String
    public let category: FailureCategory

    /// An error in `path` at `line`, in step `step`.
    public init(path: String, line: Int?, step: Int?, detail: String, remedy: String, category: FailureCategory = .usage) {
        self.path = path
        self.line = line
        self.step = step
        self.detail = detail
        self.remedy = remedy
        self.category = category
    }

    /// "Runbook runbooks/x.yaml, line 7, step 2: …"
    public var problem: String {
        var place = "Runbook \(path)"
        if let line { place += ", line \(line)" }
        if let step { place += ", step \(step)" }
        return "\(place): \(detail)"
    }
}

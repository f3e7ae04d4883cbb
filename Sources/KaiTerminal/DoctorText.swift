import KaiDoctor

/// `kai doctor`'s report for people (a line per check, details and fixes indented) and scripts (one JSON document).
public enum DoctorText {
    public static func render(_ report: DoctorReport, paint: Paint = .plain) -> String {
        var lines: [String] = []
        for check in report.checks {
            lines.append("\(mark(check.status, paint)) \(check.name): \(check.summary)")
            lines += check.details.map { "    \($0)" }
            if let fix = check.fix, check.status != .ok {
                lines += fix.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
                    (index == 0 ? "    fix: " : "    ") + line
                }
            }
        }
        let failed = report.checks.filter { $0.status == .failed }.count
        let warnings = report.checks.filter { $0.status == .warning }.count
        lines.append(failed == 0 ? (warnings == 0 ? "kai is ready." : "kai is ready, with \(warnings) \(warnings == 1 ? "warning" : "warnings").")
                     : "\(failed) \(failed == 1 ? "check" : "checks") failed: kai cannot work until \(failed == 1 ? "it is" : "they are") fixed.")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ report: DoctorReport) -> String {
        struct Check: Encodable {
            let name: String, status: DoctorCheck.Status, summary: String, details: [String], fix: String?
        }
        struct Document: Encodable { let ok: Bool; let checks: [Check] }
        return JSONText.render(Document(ok: report.firstFailure == nil, checks: report.checks.map {
            Check(name: $0.name, status: $0.status, summary: $0.summary, details: $0.details, fix: $0.fix)
        }))
    }

    private static func mark(_ status: DoctorCheck.Status, _ paint: Paint) -> String {
        switch status {
        case .ok: paint.green("ok  ")
        case .warning: paint.yellow("warn")
        case .failed: paint.bold(paint.red("FAIL"))
        case .skipped: paint.dim("skip")
        }
    }
}

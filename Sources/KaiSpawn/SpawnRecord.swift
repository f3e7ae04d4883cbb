import Foundation

/// A line for each child started, appended to the file `KAI_SPAWN_LOG` names when it is set:
/// `PID START EXECUTABLE`, where START is the child's start time in clock ticks after boot
/// (`/proc/PID/stat`'s 22nd field, `-` where there is none), so that a checker can tell the
/// child from a later process that got the same ID. `scripts/test` reads it to find any child
/// that a test run left behind.
///
/// Arguments are left out: they may hold a token.
enum SpawnRecord {
    /// The environment variable that names the file.
    static let variable = "KAI_SPAWN_LOG"

    private static let path = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }

    /// Records that `pid` runs `executable`, when a file is named; a failure to record is ignored.
    static func note(_ pid: pid_t, _ executable: String) {
        guard let path else { return }
        let line = "\(pid) \(startTime(of: pid) ?? "-") \(executable.replacing("\n", with: " "))\n"
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        // One write with O_APPEND: lines from concurrent processes do not interleave.
        _ = Array(line.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    private static func startTime(of pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let endOfName = stat.lastIndex(of: ")") else { return nil }
        // After the name in parentheses: state (field 3) … start time (field 22).
        let fields = stat[stat.index(after: endOfName)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }
}

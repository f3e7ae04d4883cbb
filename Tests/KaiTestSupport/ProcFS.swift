import Foundation

/// What Linux's `/proc` says about a process, for checks nothing but the kernel can answer: its
/// signal masks, its process group, and whether it still runs.
public enum ProcFS {
    /// A field of `/proc/PID/status` (`SigBlk`, `SigIgn`, …), or nil when the process is gone.
    public static func status(_ field: String, of pid: pid_t) -> String? {
        status(field, in: "/proc/\(pid)/status")
    }

    /// A signal mask from `/proc/PID/status` as a number, whose bit `n - 1` stands for signal `n`.
    public static func mask(_ field: String, of pid: pid_t) -> UInt64? {
        status(field, of: pid).flatMap { UInt64($0, radix: 16) }
    }

    /// A signal mask of the calling thread (`SigBlk`: the signals it blocks).
    public static func threadMask(_ field: String) -> UInt64? {
        status(field, in: "/proc/thread-self/status").flatMap { UInt64($0, radix: 16) }
    }

    /// The process's start time in clock ticks after boot, which tells it from a later process with its ID.
    public static func startTime(of pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let endOfName = stat.lastIndex(of: ")") else { return nil }
        // After the name in parentheses: state (field 3) … start time (field 22).
        let fields = stat[stat.index(after: endOfName)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }

    /// Whether the process with ID `pid` that started at `startTime` still runs (a zombie does not).
    public static func isRunning(_ pid: pid_t, startedAt startTime: String) -> Bool {
        self.startTime(of: pid) == startTime && status("State", of: pid).map { !$0.hasPrefix("Z") } ?? false
    }

    private static func status(_ field: String, in file: String) -> String? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix(field + ":") }
        return line.map { $0.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces) }
    }
}

/// Waits until `condition` holds, checking every 20 ms for at most `limit`; false when it never did.
public func eventually(within limit: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return true
}

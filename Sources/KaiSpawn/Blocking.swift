import Foundation

/// The calls that block until a child does something: reading its output to the end, writing its
/// input, waiting for it to exit. Each runs on a thread of its own, never on Swift's cooperative
/// pool, whose few threads must stay free for the servers the child may be talking to.
enum Blocking {
    /// Runs `work` on a new thread.
    static func run(_ work: @escaping @Sendable () -> Void) {
        Thread.detachNewThread(work)
    }

    /// Everything `descriptor` delivers until its end; closes it.
    static func readToEnd(_ descriptor: Int32) -> [UInt8] {
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += buffer[..<count]
            } else if count == 0 || errno != EINTR {
                return bytes
            }
        }
    }

    /// Writes `bytes` to `descriptor` as far as its reader takes them, then closes it.
    ///
    /// `SIGPIPE` is blocked on this thread only: a child that exits without reading its input
    /// makes the write fail with `EPIPE` instead of ending the whole process.
    static func feed(_ bytes: [UInt8], to descriptor: Int32) {
        defer { close(descriptor) }
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                offset += count
            } else if errno != EINTR {
                return
            }
        }
    }

    /// Waits for `pid` to exit and says how it ended, leaving it unreaped: its process ID (and
    /// with it its process group's) stays taken until ``reap(_:)``, so signals sent before then
    /// can reach no other process.
    static func waitForExit(_ pid: pid_t) -> Termination {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 {
            // Only ECHILD, when something else collected the child; its status is lost with it.
            if errno != EINTR { return .exited(-1) }
        }
        #if os(Linux)
        let status = info._sifields._sigchld.si_status
        #else
        let status = info.si_status
        #endif
        return Int(info.si_code) == Int(CLD_EXITED) ? .exited(status) : .signalled(status)
    }

    /// Collects a child that has exited (see ``waitForExit(_:)``).
    static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) < 0, errno == EINTR {}
    }
}

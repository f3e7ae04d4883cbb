import Foundation
import KaiSpawn
import KaiTestSupport
import Testing

/// A child starts with no signal blocked and every signal at its default action, whichever
/// thread starts it, and stops on SIGTERM.
@Suite("Children start with a clean signal state")
struct SignalStateTests {
    /// Starts `/bin/sleep 1000` from a new thread that blocks every signal it can, as the threads
    /// of Swift's runtime and Dispatch do; returns the child and the starting thread's blocked mask.
    static func sleepStartedFromAThreadBlockingSignals() async throws -> (SpawnedProcess, UInt64?) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                var all = sigset_t()
                sigfillset(&all)
                pthread_sigmask(SIG_BLOCK, &all, nil)
                let blocked = ProcFS.threadMask("SigBlk")
                do {
                    continuation.resume(returning: (try SpawnedProcess.start("/bin/sleep", ["1000"], environment: [:]), blocked))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    @Test func aChildStartedWhereSIGTERMIsBlockedHasNoSignalBlockedAndStopsOnSIGTERM() async throws {
        let (child, parentMask) = try await Self.sleepStartedFromAThreadBlockingSignals()
        let sigterm = UInt64(1) << (SIGTERM - 1)
        #expect(parentMask.map { $0 & sigterm != 0 } == true, "the starting thread blocks SIGTERM")
        #expect(ProcFS.status("SigBlk", of: child.id) == "0000000000000000")
        // No standard signal ignored; glibc keeps its two internal real-time signals (32, 33) ignored in every child it starts.
        #expect(ProcFS.mask("SigIgn", of: child.id).map { $0 & 0x7fff_ffff } == 0)
        #expect(await child.stop(grace: .seconds(60)) == .signalled(SIGTERM))
    }

    @Test func aChildLeadsAProcessGroupOfItsOwn() async throws {
        let child = try SpawnedProcess.start("/bin/sleep", ["1000"], environment: [:])
        #expect(getpgid(child.id) == child.id)
        #expect(getpgid(child.id) != getpgrp())
        await child.stop()
    }

    @Test func aChildThatIgnoresSIGTERMIsKilledAfterTheGrace() async throws {
        let child = try SpawnedProcess.start("/bin/sh", ["-c", "trap '' TERM; exec /bin/sleep 1000"], environment: [:])
        let sigterm = UInt64(1) << (SIGTERM - 1)
        #expect(await eventually { (ProcFS.mask("SigIgn", of: child.id) ?? 0) & sigterm != 0 })
        #expect(await child.stop(grace: .milliseconds(100)) == .signalled(SIGKILL))
    }

    @Test func stoppingAChildStopsWhatItStarted() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kai-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("sleep.pid").path
        let child = try SpawnedProcess.start("/bin/sh", ["-c", #"/bin/sleep 1000 & echo $! > "$0.tmp" && mv "$0.tmp" "$0"; wait"#, pidFile],
                                             environment: [:])
        #expect(await eventually { FileManager.default.fileExists(atPath: pidFile) })
        let grandchild = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let started = try #require(ProcFS.startTime(of: grandchild))
        #expect(getpgid(grandchild) == child.id)
        #expect(await child.stop(grace: .seconds(60)) == .signalled(SIGTERM))
        #expect(await eventually { !ProcFS.isRunning(grandchild, startedAt: started) })
    }

    @Test func aChildNobodyHoldsAnyMoreIsKilled() async throws {
        var started: (pid: pid_t, time: String)?
        do {
            let child = try SpawnedProcess.start("/bin/sleep", ["1000"], environment: [:])
            started = (child.id, try #require(ProcFS.startTime(of: child.id)))
        }
        let (pid, time) = try #require(started)
        #expect(await eventually { !ProcFS.isRunning(pid, startedAt: time) })
    }
}

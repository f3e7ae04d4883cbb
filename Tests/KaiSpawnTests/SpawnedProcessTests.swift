import Foundation
import KaiSpawn
import Testing

@Suite("Running a program to its end")
struct SpawnedProcessTests {
    @Test func aFinishedProgramGivesItsStatusOutputAndErrors() async throws {
        let child = try SpawnedProcess.start("/bin/sh", ["-c", "cat; pwd; echo complaint >&2; exit 3"], environment: [:],
                                             directory: "/", input: Array("hello\n".utf8))
        let outcome = await child.finished()
        #expect(outcome.termination == .exited(3))
        #expect(outcome.termination.status == 3)
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "hello\n/\n")
        #expect(String(decoding: outcome.standardError, as: UTF8.self) == "complaint\n")
    }

    @Test func theEnvironmentIsExactlyTheOneGiven() async throws {
        let child = try SpawnedProcess.start("/usr/bin/env", [], environment: ["KAI_TEST": "1"])
        #expect(String(decoding: await child.finished().standardOutput, as: UTF8.self) == "KAI_TEST=1\n")
    }

    @Test func aChildHasOnlyItsStandardStreamsOpen() async throws {
        // ls lists the shell's descriptors from a process of its own, so its own reading of the folder does not show.
        let child = try SpawnedProcess.start("/bin/sh", ["-c", "/bin/ls /proc/$$/fd"], environment: [:])
        let listed = String(decoding: await child.finished().standardOutput, as: UTF8.self)
        #expect(listed == "0\n1\n2\n", "\(listed)")
    }

    @Test func aProgramStillRunningAtTheDeadlineIsLeftRunning() async throws {
        let child = try SpawnedProcess.start("/bin/sleep", ["1000"], environment: [:])
        #expect(await child.finished(within: .milliseconds(50)) == nil)
        #expect(!child.hasExited)
        #expect(await child.stop() == .signalled(SIGTERM))
        #expect(child.hasExited)
    }

    @Test func aProgramThatCannotBeStartedSaysWhy() throws {
        #expect {
            _ = try SpawnedProcess.start("/nonexistent/kai-no-such-program", [], environment: [:])
        } throws: { error in
            guard let error = error as? SpawnError else { return false }
            return error.code == ENOENT && error.description == "/nonexistent/kai-no-such-program could not be started: No such file or directory"
        }
    }
}

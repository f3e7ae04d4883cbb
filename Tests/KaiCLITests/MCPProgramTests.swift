import Foundation
import KaiTestSupport
import Testing

/// `kai mcp` is the program `kai-mcp` beside kai: kai hands it the arguments after `mcp` and says
/// plainly when the program is missing.
@Suite("kai mcp runs kai-mcp")
struct MCPProgramTests {
    @Test func theArgumentsAfterMCPReachTheServerProgramHelpIncluded() async throws {
        let help = try await KaiProcess.run(["mcp", "--help"])
        #expect(help.status == 0, "\(help.stderr)")
        #expect(help.stdout.contains("USAGE: kai mcp"))
        #expect(help.stdout.contains("--approval-timeout"))
        // A bad option is the server program's usage error, exit 2 as kai's own.
        let bad = try await KaiProcess.run(["mcp", "--max-calls", "0"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--max-calls must be between 1 and 64, not 0."), "\(bad.stderr)")
    }

    @Test func kaiWithoutItsServerProgramSaysWhereItLookedAndExitsTwo() async throws {
        let folder = try KaiProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lonely = folder.appendingPathComponent("kai")
        try FileManager.default.copyItem(at: KaiProcess.binary, to: lonely)
        let result = try await ChildProcess.run(lonely, ["mcp", "--sandbox"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot start \(folder.appendingPathComponent("kai-mcp").path)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

import ArgumentParser
import Foundation
import KaiCommandLine
import KaiTerminal

/// `kai mcp`: runs `kai-mcp`, installed next to kai, with the arguments that follow `mcp`. The MCP
/// server is a program of its own so that every other start of kai is spared the libraries the MCP
/// SDK brings (FoundationNetworking, libcurl and some thirty more).
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve kai's typed operations to agents and editors over the Model Context Protocol.",
        discussion: "Run `kai mcp --help` for its options."
    )

    /// The program's name, next to kai's own executable.
    static let program = "kai-mcp"

    @Argument(parsing: .captureForPassthrough, help: "The options of kai mcp; see kai mcp --help.")
    var arguments: [String] = []

    func run() throws {
        Self.replaceProcess(with: arguments)
    }

    /// Replaces this process with `kai-mcp ARGUMENTS` (the same process id, standard streams and
    /// signals); returns never. When the program cannot be started, says where it was looked for and exits 2.
    static func replaceProcess(with arguments: [String]) -> Never {
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let path = executable.deletingLastPathComponent().appendingPathComponent(program).path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        Console.error("kai mcp: cannot start \(path) (\(reason)). kai-mcp is installed next to kai; reinstall kai, or build both programs with swift build.\n")
        Foundation.exit(ExitStatus.usage)
    }
}

import KaiCommandLine

/// Entry point: parses the command line and turns every way of ending into design.md's exit codes.
@main
enum Main {
    static func main() async {
        let arguments = Kai.subcommandFirst(Array(CommandLine.arguments.dropFirst()))
        // `kai mcp …` is another program's command line, parsed there, help included.
        if arguments.first == MCPCommand.configuration.commandName { MCPCommand.replaceProcess(with: Array(arguments.dropFirst())) }
        await CommandEntry.run(Kai.self, arguments: arguments)
    }
}

import KaiCommandLine

/// Entry point of `kai-mcp`, which `kai mcp` runs with the arguments that followed `mcp`.
@main
enum Main {
    static func main() async {
        await CommandEntry.run(MCPCommand.self, arguments: Array(CommandLine.arguments.dropFirst()))
    }
}

import ArgumentParser
import Foundation
import KaiTerminal

/// Entry point: parses the command line and turns every way of ending into design.md's exit codes.
@main
enum Main {
    static func main() async {
        do {
            var command = try Kai.parseAsRoot(Kai.subcommandFirst(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            // Help and --version end cleanly; every parsing problem is a usage error (2), not ArgumentParser's 64.
            let message = Kai.fullMessage(for: error)
            if Kai.exitCode(for: error) == .success {
                Console.out(message + "\n")
                Foundation.exit(0)
            }
            Console.error(message + "\n")
            Foundation.exit(ExitStatus.usage)
        }
    }
}

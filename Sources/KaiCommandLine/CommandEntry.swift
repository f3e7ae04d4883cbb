import ArgumentParser
import Foundation
import KaiTerminal

/// kai's version, which both executables report.
public enum KaiVersion {
    public static let current = "0.1.0"
}

/// How both executables start and end: `Command` parses `arguments` and runs, and every way of
/// ending becomes design.md's exit codes (help and `--version` end cleanly; every parsing problem
/// is a usage error, 2, not ArgumentParser's 64).
public enum CommandEntry {
    public static func run<Command: ParsableCommand>(_ command: Command.Type, arguments: [String]) async -> Never {
        do {
            var parsed = try Command.parseAsRoot(arguments)
            if var asyncCommand = parsed as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try parsed.run()
            }
            exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let message = Command.fullMessage(for: error)
            if Command.exitCode(for: error) == .success {
                Console.out(message + "\n")
                exit(0)
            }
            Console.error(message + "\n")
            exit(ExitStatus.usage)
        }
    }
}

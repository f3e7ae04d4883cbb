import Foundation
import KaiTestSupport

/// Runs the built `kai` binary as a person or a script would, and captures what it prints.
struct KaiProcess {
    typealias Result = ChildProcess.Result

    /// The `kai` binary built beside this test bundle (or `$KAI_BINARY`).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["KAI_BINARY"] { return URL(fileURLWithPath: path) }
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // On Linux the tests run from .build/<triple>/debug/<package>PackageTests.xctest; on macOS from inside the bundle.
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("kai").path), directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("kai")
    }()

    /// Runs `kai arguments…` with a private, empty configuration home unless `environment` says otherwise.
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) async throws -> Result {
        var env = ["XDG_CONFIG_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("kai-tests-empty-config").path]
        env.merge(environment) { $1 }
        return try await ChildProcess.run(binary, arguments, environment: env, input: input)
    }

    /// A fresh directory for one test's files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kai-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension KaiProcess {
    /// Runs `kai plan arguments…` against the shared, unchanged sandbox.
    static func plan(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await run(["plan", "--kubeconfig", try await SharedSandbox.kubeconfig.value] + arguments, environment: environment)
    }
}

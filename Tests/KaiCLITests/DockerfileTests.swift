import Foundation
import KaiTestSupport
import Testing

/// The Dockerfile passes hadolint with no finding at all, and builds kai exactly as
/// scripts/check-release-build (run by scripts/test) checks that it builds and links.
@Suite("The Dockerfile")
struct DockerfileTests {
    private static let root = Corpus.packageRoot

    @Test func hadolintFindsNothing() async throws {
        let result = try await ChildProcess.run(program: "hadolint", ["--no-color", "--failure-threshold", "style",
                                                                      Self.root.appendingPathComponent("Dockerfile").path])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
    }

    @Test func theImageBuildsWhatTheReleaseCheckBuilds() throws {
        let build = "swift build -c release --static-swift-stdlib --product kai"
        let dockerfile = try String(contentsOf: Self.root.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let check = try String(contentsOf: Self.root.appendingPathComponent("scripts/check-release-build"), encoding: .utf8)
        #expect(dockerfile.contains("RUN \(build)"))
        #expect(check.contains("\n\(build)\n"))
        #expect(dockerfile.contains(#"ENTRYPOINT ["kai"]"#))
        // The runtime stage runs as a user that is not root.
        let runtime = try #require(dockerfile.components(separatedBy: "\nFROM ").last)
        #expect(runtime.contains("\nUSER 10001:10001\n"))
        // Only the sources reach the build context: no .build folder of megabytes, no Package.resolved from elsewhere.
        let ignored = try String(contentsOf: Self.root.appendingPathComponent(".dockerignore"), encoding: .utf8)
        #expect(ignored.split(separator: "\n").filter { !$0.hasPrefix("#") } == ["*", "!Package.swift", "!Sources/"])
    }
}

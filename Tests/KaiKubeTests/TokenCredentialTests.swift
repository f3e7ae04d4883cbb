import Foundation
import KaiKube
import Testing

@Suite("Tokens, fixed or read from a file that rotates")
struct TokenCredentialTests {
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    private func endpoint(_ credentials: CredentialSource) throws -> ClusterEndpoint {
        ClusterEndpoint(server: try #require(URL(string: "https://c")), contextName: "x", clusterName: "c", userName: "u",
                        namespace: "default", credentials: credentials)
    }

    /// Rewrites `path` in place with the same modification time, so only its content changes.
    private func rewriteUnnoticed(_ path: String, _ text: String, stamp: Date) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: path)
    }

    @Test func aFixedTokenIsHandedOutAsIs() async throws {
        let provider = try endpoint(.token("fixed-token")).makeCredentialProvider()
        #expect(try await provider.credentials() == Credentials(bearerToken: "fixed-token"))
        await provider.invalidate()
        #expect(try await provider.credentials().bearerToken == "fixed-token")
        #expect(try await endpoint(.none).makeCredentialProvider().credentials() == Credentials())
    }

    @Test func aTokenFileIsReadTrimmed() async throws {
        let path = try folder.write("token", "file-token\n")
        let provider = try endpoint(.tokenFile(path: path)).makeCredentialProvider()
        #expect(try await provider.credentials().bearerToken == "file-token")
    }

    @Test func aRotatedTokenFileIsReadAgain() async throws {
        let path = try folder.write("token", "first-token")
        let provider = TokenFileCredentialProvider(path: path, maximumAge: .seconds(3600))
        #expect(try await provider.credentials().bearerToken == "first-token")
        // The kubelet swaps in a new file (a new inode); a hand edit changes size and time.
        try folder.write("token.next", "second-token")
        #expect(rename(folder.path("token.next"), path) == 0)
        #expect(try await provider.credentials().bearerToken == "second-token")
        try folder.write("token", "third-token-longer")
        #expect(try await provider.credentials().bearerToken == "third-token-longer")
    }

    @Test func anUnchangedTokenFileIsNotReadAgainUntilInvalidated() async throws {
        let stamp = Date(timeIntervalSince1970: 1_700_000_000)
        let path = try folder.write("token", "token-aaaa")
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: path)
        let provider = TokenFileCredentialProvider(path: path, maximumAge: .seconds(3600))
        #expect(try await provider.credentials().bearerToken == "token-aaaa")
        try rewriteUnnoticed(path, "token-bbbb", stamp: stamp)
        #expect(try await provider.credentials().bearerToken == "token-aaaa")
        await provider.invalidate()
        #expect(try await provider.credentials().bearerToken == "token-bbbb")
    }

    @Test func aTokenFileOlderThanTheMaximumAgeIsReadAgain() async throws {
        let stamp = Date(timeIntervalSince1970: 1_700_000_000)
        let path = try folder.write("token", "token-aaaa")
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: path)
        let provider = TokenFileCredentialProvider(path: path, maximumAge: .zero)
        #expect(try await provider.credentials().bearerToken == "token-aaaa")
        try rewriteUnnoticed(path, "token-bbbb", stamp: stamp)
        #expect(try await provider.credentials().bearerToken == "token-bbbb")
    }

    @Test func aMissingOrEmptyTokenFileIsAClearError() async throws {
        let missing = folder.path("absent")
        let error = try #require(await #expect(throws: CredentialError.self) {
            try await TokenFileCredentialProvider(path: missing).credentials()
        })
        #expect(error.reason == .tokenFile)
        #expect(error.problem.contains(missing) && error.problem.contains("No such file"))
        let empty = try folder.write("empty", "\n")
        let emptyError = try #require(await #expect(throws: CredentialError.self) {
            try await TokenFileCredentialProvider(path: empty).credentials()
        })
        #expect(emptyError.problem.contains("it is empty"))
    }

    @Test func aTokenFileThatDisappearsAfterReadingFailsOnTheNextRead() async throws {
        let path = try folder.write("token", "short-lived")
        let provider = TokenFileCredentialProvider(path: path)
        #expect(try await provider.credentials().bearerToken == "short-lived")
        try FileManager.default.removeItem(atPath: path)
        await #expect(throws: CredentialError.self) { try await provider.credentials() }
    }
}

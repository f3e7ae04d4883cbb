import Foundation

/// A bearer token read from a file (`tokenFile`, a pod's service account token) and read
/// again as it rotates: whenever the file changes (its inode, size or modification time), at
/// least every ``maximumAge``, and after ``invalidate()``.
///
/// ```swift
/// let provider = TokenFileCredentialProvider(path: "/var/run/secrets/kubernetes.io/serviceaccount/token")
/// let token = try await provider.credentials().bearerToken
/// ```
public actor TokenFileCredentialProvider: CredentialProvider {
    /// The file holding the token.
    public nonisolated let path: String
    /// How long a read token is used before the file is read again even if it looks unchanged.
    public nonisolated let maximumAge: Duration

    private struct Cached {
        let token: String
        let identity: LocalFile.Identity
        let readAt: ContinuousClock.Instant
    }

    private var cached: Cached?

    /// A provider reading the token at `path`.
    public init(path: String, maximumAge: Duration = .seconds(5)) {
        self.path = path
        self.maximumAge = maximumAge
    }

    /// The token in the file, read again only when the file may have changed.
    public func credentials() async throws -> Credentials {
        let identity = LocalFile.identity(path)
        let now = ContinuousClock.now
        if let cached, cached.identity == identity, now - cached.readAt < maximumAge {
            return Credentials(bearerToken: cached.token)
        }
        let bytes: [UInt8]
        do {
            bytes = try LocalFile.contents(of: path)
        } catch {
            throw CredentialError.tokenFile(path, error.reason)
        }
        // client-go trims the file's content; kubelet-written tokens have no newline, hand-written ones often do.
        let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CredentialError.tokenFile(path, "it is empty") }
        if let identity {
            cached = Cached(token: token, identity: identity, readAt: now)
        }
        return Credentials(bearerToken: token)
    }

    /// Forgets the token, so the next request reads the file again.
    public func invalidate() async {
        cached = nil
    }
}

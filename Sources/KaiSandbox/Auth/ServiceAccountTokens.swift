import Crypto
import Foundation

/// Issues and checks the sandbox's service account tokens: JWTs with the claims a real API
/// server puts in them (`iss`, `sub` `system:serviceaccount:NS:NAME`, `aud`, `exp`, `iat`, `nbf`,
/// and `kubernetes.io` with the namespace and the account's name and uid), signed with a key
/// that lives as long as the sandbox (HS256), so a token from another sandbox is not accepted.
public struct ServiceAccountTokens: Sendable {
    private let key: SymmetricKey
    private let now: @Sendable () -> Date

    /// The issuer, and the audience tokens are for unless a TokenRequest names others.
    public static let issuer = "https://kubernetes.default.svc.cluster.local"

    /// A token issuer with a fresh key; `now` is the clock expirations are judged by.
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        key = SymmetricKey(size: .bits256)
        self.now = now
    }

    /// What a valid token says about who holds it.
    struct Claims: Sendable, Equatable {
        let namespace: String
        let name: String
        let uid: String
        let audiences: [String]
    }

    /// A signed token for the service account `namespace`/`name` (whose uid is `uid`), for
    /// `audiences`, valid for `seconds`; with the time it expires.
    func issue(namespace: String, name: String, uid: String, audiences: [String], seconds: Int64) -> (token: String, expires: Date) {
        let issued = Int64(now().timeIntervalSince1970)
        let claims: JSONValue = [
            "iss": .string(Self.issuer), "sub": .string("\(UserInfo.serviceAccountPrefix)\(namespace):\(name)"),
            "aud": .array(audiences.map(JSONValue.string)), "iat": .int(issued), "nbf": .int(issued), "exp": .int(issued + seconds),
            "kubernetes.io": ["namespace": .string(namespace), "serviceaccount": ["name": .string(name), "uid": .string(uid)]],
        ]
        let header: JSONValue = ["alg": "HS256", "typ": "JWT"]
        let signingInput = Self.base64URL(header.data()) + "." + Self.base64URL(claims.data())
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return (signingInput + "." + Self.base64URL(Data(signature)), Date(timeIntervalSince1970: TimeInterval(issued + seconds)))
    }

    /// The claims of `token` when this sandbox signed it and it has not expired; nil otherwise.
    func verify(_ token: String) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Self.data(base64URL: parts[2]),
              HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: key),
              let payload = Self.data(base64URL: parts[1]), let claims = try? JSONValue.parse(payload) else { return nil }
        guard let expires = claims["exp"].int, Double(expires) > now().timeIntervalSince1970,
              let namespace = claims["kubernetes.io"]["namespace"].string,
              let name = claims["kubernetes.io"]["serviceaccount"]["name"].string,
              let uid = claims["kubernetes.io"]["serviceaccount"]["uid"].string else { return nil }
        let audiences = (claims["aud"].array ?? []).compactMap(\.string)
        return Claims(namespace: namespace, name: name, uid: uid, audiences: audiences)
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func data(base64URL text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

import Crypto
import Foundation

extension TLSSettings {
    /// `sha256:` and the hex SHA-256 of the first CA certificate's DER bytes, as
    /// `openssl x509 -fingerprint -sha256` shows it (without colons); nil when no CA is named.
    /// It tells apart two clusters that share a server address or a context name.
    public var caFingerprint: String? {
        guard let pem = certificateAuthorityPEM, let der = Self.firstCertificateDER(pem) else { return nil }
        return "sha256:" + SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
    }

    private static func firstCertificateDER(_ pem: [UInt8]) -> Data? {
        let text = String(decoding: pem, as: UTF8.self)
        guard let begin = text.range(of: "-----BEGIN CERTIFICATE-----"),
              let end = text.range(of: "-----END CERTIFICATE-----", range: begin.upperBound..<text.endIndex) else { return nil }
        let body = text[begin.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body))
    }
}

import Foundation

/// The `ExecCredential` documents of client-go's credential plugin protocol
/// (`client.authentication.k8s.io/v1` and `v1beta1` have the same shape): the request kai
/// passes in `KUBERNETES_EXEC_INFO`, and the reply the plugin prints.
enum ExecCredential {
    /// What the plugin receives: the API version it was configured with, whether it may ask
    /// questions, and (with `provideClusterInfo`) the cluster it authenticates to.
    struct Request: Encodable {
        let apiVersion: String
        let kind = "ExecCredential"
        let spec: Spec

        struct Spec: Encodable {
            let interactive: Bool
            let cluster: Cluster?
        }

        struct Cluster: Encodable {
            let server: String
            let tlsServerName: String?
            let insecureSkipTLSVerify: Bool?
            let certificateAuthorityData: String?
            let proxyURL: String?

            private enum CodingKeys: String, CodingKey {
                case server
                case tlsServerName = "tls-server-name"
                case insecureSkipTLSVerify = "insecure-skip-tls-verify"
                case certificateAuthorityData = "certificate-authority-data"
                case proxyURL = "proxy-url"
            }
        }

        /// The request for `apiVersion`, describing `cluster` when one is given.
        init(apiVersion: String, cluster endpoint: ClusterEndpoint?) {
            self.apiVersion = apiVersion
            let cluster = endpoint.map { endpoint in
                Cluster(server: endpoint.server.absoluteString, tlsServerName: endpoint.tls.serverName,
                        insecureSkipTLSVerify: endpoint.tls.insecureSkipVerify ? true : nil,
                        certificateAuthorityData: endpoint.tls.certificateAuthorityPEM.map { Data($0).base64EncodedString() },
                        proxyURL: endpoint.proxy?.absoluteString)
            }
            self.spec = Spec(interactive: false, cluster: cluster)
        }

        /// The JSON for `KUBERNETES_EXEC_INFO`.
        func json() -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Encoding strings, booleans and optionals of them cannot fail.
            let data = (try? encoder.encode(self)) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// What a plugin printed, checked: the credentials and when they expire (nil: never, until invalidated).
    struct Reply: Sendable {
        let credentials: Credentials
        let expiry: Date?

        /// Parses and checks the plugin's standard output. Failures describe the shape, never the values.
        init(output: [UInt8], apiVersion: String, command: String) throws(CredentialError) {
            guard !output.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
                throw .malformed(command, "it printed nothing")
            }
            let document: Document
            do {
                document = try JSONDecoder().decode(Document.self, from: Data(output))
            } catch {
                throw .malformed(command, "its output is not an ExecCredential JSON object")
            }
            guard document.kind == "ExecCredential" else {
                throw .malformed(command, "kind is \(document.kind.map { "\"\($0)\"" } ?? "missing"), not \"ExecCredential\"")
            }
            guard document.apiVersion == apiVersion else {
                let found = document.apiVersion.map { "\"\($0)\"" } ?? "missing"
                throw .malformed(command, "apiVersion is \(found) but the kubeconfig asks for \"\(apiVersion)\"")
            }
            guard let status = document.status else { throw .malformed(command, "it has no status") }
            let token = status.token.flatMap { $0.isEmpty ? nil : $0 }
            let certificate = status.clientCertificateData.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
            let key = status.clientKeyData.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
            guard token != nil || certificate != nil || key != nil else {
                throw .malformed(command, "its status has neither a token nor a client certificate and key")
            }
            guard (certificate == nil) == (key == nil) else {
                throw .malformed(command, "its status has a client certificate or a key but not both")
            }
            credentials = Credentials(bearerToken: token, clientCertificatePEM: certificate, clientKeyPEM: key)
            if let stamp = status.expirationTimestamp, !stamp.isEmpty {
                guard let date = Self.date(rfc3339: stamp) else {
                    throw .malformed(command, "status.expirationTimestamp \"\(stamp)\" is not an RFC 3339 time")
                }
                expiry = date
            } else {
                expiry = nil
            }
        }

        private struct Document: Decodable {
            let apiVersion: String?
            let kind: String?
            let status: Status?
        }

        private struct Status: Decodable {
            let token: String?
            let clientCertificateData: String?
            let clientKeyData: String?
            let expirationTimestamp: String?
        }

        /// Go writes `2006-01-02T15:04:05Z07:00`, and reads fractional seconds too.
        private static func date(rfc3339 text: String) -> Date? {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text)
        }
    }
}

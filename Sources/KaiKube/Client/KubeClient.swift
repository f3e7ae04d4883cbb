import AsyncHTTPClient
import Foundation
import KaiConfig
import NIOCore
import NIOHTTP1
import NIOSSL

/// The Kubernetes REST API as kai uses it: every call has a deadline, 429 and 5xx answers are
/// retried with back-off, a 401 refreshes the credentials once, and every failure becomes a
/// ``KubeError`` that names the call.
///
/// ```swift
/// let client = try KubeClient(endpoint: endpoint)
/// defer { Task { await client.shutdown() } }
/// let backend = try await client.deployment("todo-chatbot-backend", in: "todo-chatbot")
/// ```
public final class KubeClient: Sendable {
    public let endpoint: ClusterEndpoint
    public let settings: ClientSettings
    let credentials: any CredentialProvider
    private let http: HTTPClient
    private let baseURL: String
    let explainer: StatusExplainer

    /// A client for `endpoint` taking its credentials from `credentials`.
    public init(endpoint: ClusterEndpoint, credentials: any CredentialProvider, settings: ClientSettings = ClientSettings()) throws {
        self.endpoint = endpoint
        self.settings = settings
        self.credentials = credentials
        let server = endpoint.server.absoluteString.trimmingTrailingSlashes
        // Messages name the server without any user name and password its URL carries.
        let shown = endpoint.server.masked.trimmingTrailingSlashes
        self.explainer = StatusExplainer(server: shown, user: endpoint.userName)
        var configuration = HTTPClient.Configuration()
        // The connect deadline covers the TCP connection and the TLS handshake: it never outlasts a call's own deadline.
        configuration.timeout = .init(connect: settings.effectiveConnectTimeout.timeAmount)
        configuration.httpVersion = .http1Only
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        // kai reports an unreachable cluster at once; the pool would otherwise retry until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.proxy = try ProxySettings.proxy(endpoint.proxy)
        if endpoint.server.scheme == "https" {
            // Read the kubeconfig's certificates once; only a plugin's own client certificate needs a request of its own.
            configuration.tlsConfiguration = try TLSConfigurationBuilder.configuration(endpoint.tls, credentials: Credentials(), server: shown)
        }
        var base = server
        if let serverName = endpoint.tls.serverName, let host = endpoint.server.host, serverName != host,
           var components = URLComponents(url: endpoint.server, resolvingAgainstBaseURL: false) {
            // tls-server-name: connect to the real host but verify (and send SNI for) the given name.
            components.host = serverName
            configuration.dnsOverride = [serverName: host]
            base = components.url?.absoluteString.trimmingTrailingSlashes ?? server
        }
        self.baseURL = base
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connections; the client cannot be used afterwards.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// The server's address as people know it.
    public var server: String { explainer.server }

    /// Sends `call`, retrying 429 and 5xx with back-off and a 401 once with fresh credentials,
    /// and returns the body of its 2xx answer.
    public func send(_ call: APICall) async throws -> [UInt8] {
        var attempt = 0
        var refreshedCredentials = false
        while true {
            let response = try await perform(call)
            switch response.status {
            case 200..<300:
                return response.body
            case 401 where !refreshedCredentials:
                refreshedCredentials = true
                await credentials.invalidate()
            case let status where Self.isRetryable(status) && attempt < settings.maximumRetries:
                // kai's writes are idempotent (fixed values, no increments), so retrying one cannot apply it twice.
                try await Task.sleep(for: settings.backOff(attempt: attempt, retryAfter: response.retryAfter))
                attempt += 1
            default:
                throw explainer.error(status: response.status, body: response.body, action: call.action)
            }
        }
    }

    private static func isRetryable(_ status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    /// Sends `call` and hands back the streamed body, for watches and followed logs.
    public func stream(_ call: APICall) async throws -> HTTPClientResponse.Body {
        let timeout = call.timeout ?? settings.requestTimeout
        let request = try await request(for: call)
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout.timeAmount)
        } catch {
            throw transportError(error, call, timeout: timeout)
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { Array(buffer: $0) } ?? []
            throw explainer.error(status: Int(response.status.code), body: body, action: call.action)
        }
        return response.body
    }

    private struct Response {
        let status: Int
        let body: [UInt8]
        let retryAfter: Duration?
    }

    private func perform(_ call: APICall) async throws -> Response {
        let timeout = call.timeout ?? settings.requestTimeout
        let request = try await request(for: call)
        do {
            let deadline = NIODeadline.now() + timeout.timeAmount
            let response = try await http.execute(request, deadline: deadline)
            let body = try await response.body.collect(upTo: 64 << 20)
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(Int.init).map { Duration.seconds($0) }
            return Response(status: Int(response.status.code), body: Array(buffer: body), retryAfter: retryAfter)
        } catch {
            throw transportError(error, call, timeout: timeout)
        }
    }

    /// A failure below HTTP as a ``KubeError``; a cancelled call stays a `CancellationError`, since
    /// the person stopped it and the cluster is not at fault.
    func transportError(_ error: any Error, _ call: APICall, timeout: Duration) -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        return TransportFailure.error(error, server: server, action: call.action, timeout: timeout,
                                      connectTimeout: min(settings.connectTimeout, timeout))
    }

    private func request(for call: APICall) async throws -> HTTPClientRequest {
        var components = URLComponents(string: baseURL + call.path)
        if !call.query.isEmpty { components?.queryItems = call.query }
        guard let url = components?.string else {
            throw KubeError(.malformedResponse, problem: "Cannot build a URL from \(baseURL) and \(call.path).",
                            remedy: "Check the kubeconfig's server address.")
        }
        var request = HTTPClientRequest(url: url)
        request.method = call.method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "kai/0.1")
        let presented = try await credentials.credentials()
        if let token = presented.bearerToken { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if endpoint.server.scheme == "https", presented.clientCertificatePEM != nil {
            request.tlsConfiguration = try TLSConfigurationBuilder.configuration(endpoint.tls, credentials: presented, server: server)
        }
        if let body = call.body {
            request.headers.add(name: "Content-Type", value: call.contentType ?? "application/json")
            request.body = .bytes(body)
        }
        return request
    }
}

extension String {
    var trimmingTrailingSlashes: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

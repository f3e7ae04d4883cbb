import AsyncHTTPClient
import Foundation
import KaiCore
import NIOCore
import NIOHTTP1

/// The HTTP underneath every wire format: a deadline on the whole request, a connect timeout,
/// 429 retried after its `Retry-After`, 5xx and dropped connections retried with back-off a
/// bounded number of times (never a request too long for the model's context, which no retry fixes), and every failure turned into a ``ProviderError`` that says what to do.
final class ProviderTransport: Sendable {
    let endpoint: ProviderEndpoint
    private let http: HTTPClient

    init(endpoint: ProviderEndpoint) {
        self.endpoint = endpoint
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: endpoint.connectTimeout.timeAmount)
        configuration.httpVersion = .http1Only
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async {
        try? await http.shutdown()
    }

    /// A streamed answer whose body ended before its last event; `emitted` says whether any of it was already shown.
    struct StreamCut: Error {
        let emitted: Bool
    }

    /// Sends `request` to `url` as the JSON `encode` makes of it, and hands a 2xx answer to `read`.
    /// This is the only way a request reaches a model, so it is where secrets are scrubbed
    /// (``ModelRequest/scrubbed``): whatever a caller put in the messages, none leaves kai.
    func send<T: Sendable>(_ url: String, headers: [(String, String)], request: ModelRequest, retryCuts: Bool = true,
                           encode: (ModelRequest) -> JSON, read: @escaping @Sendable (HTTPClientResponse) async throws -> T) async throws -> T {
        try await exchange(url, method: .POST, headers: headers, body: JSONBody.encode(encode(request.scrubbed)), retryCuts: retryCuts, read: read)
    }

    /// A GET of `url` with no body, answered with 2xx (how `kai doctor` probes a provider).
    func get(_ url: String, headers: [(String, String)]) async throws {
        try await exchange(url, method: .GET, headers: headers, body: nil, retryCuts: true) { _ in () }
    }

    /// Sends `body` (JSON) to `url` and hands a 2xx answer to `read`; retries what may be retried
    /// (a stream cut before anything was shown only when `retryCuts`).
    private func exchange<T: Sendable>(_ url: String, method: HTTPMethod, headers: [(String, String)], body: [UInt8]?, retryCuts: Bool,
                                       read: @escaping @Sendable (HTTPClientResponse) async throws -> T) async throws -> T {
        if endpoint.apiKey == nil, endpoint.kind.needsKey, endpoint.baseURL == endpoint.kind.defaultBaseURL {
            // The provider's own service always wants a key: say so without a round trip.
            throw ProviderError(.keyRejected, problem: "\(endpoint.kind.rawValue) at \(endpoint.shown) needs an API key, and none is set.",
                                remedy: "Set \(endpoint.keySource) (or apiKeyFile in config.yaml); kai never takes a key from a flag. Nothing was run.")
        }
        let timeout = endpoint.timeout
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await self.attempts(url, method: method, headers: headers, body: body, retryCuts: retryCuts, read: read) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw ProviderError(.timedOut, problem: "\(self.endpoint.kind.rawValue) at \(self.endpoint.shown) did not finish answering within \(timeout.secondsText).",
                                    remedy: "Nothing was run. Try again; a slow local model may need a longer modelTimeout in config.yaml (--model-timeout is KAI_MODEL_TIMEOUT).")
            }
            return value
        }
    }

    private func attempts<T: Sendable>(_ url: String, method: HTTPMethod, headers: [(String, String)], body: [UInt8]?, retryCuts: Bool,
                                       read: @Sendable (HTTPClientResponse) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
            }
            let retryAfter: Duration?
            do {
                let response = try await http.execute(request, timeout: endpoint.timeout.timeAmount)
                let status = Int(response.status.code)
                if (200..<300).contains(status) { return try await read(response) }
                let answer = Array(buffer: (try? await response.body.collect(upTo: 1 << 20)) ?? ByteBuffer())
                if ProviderFailure.isContextOverflow(answer) { throw ProviderFailure.contextOverflow(status, body: answer, endpoint: endpoint) }
                if ProviderFailure.isFormatRejection(answer) { throw ProviderFailure.formatRejected(status, body: answer, endpoint: endpoint) }
                guard Self.isRetryable(status), attempt < endpoint.maximumRetries else {
                    throw ProviderFailure.status(status, body: answer, endpoint: endpoint, retried: attempt)
                }
                retryAfter = RetryAfter.duration(response.headers.first(name: "Retry-After"))
            } catch let cut as StreamCut {
                guard retryCuts, !cut.emitted, attempt < endpoint.maximumRetries else { throw ProviderFailure.cut(endpoint, shown: cut.emitted) }
                retryAfter = nil
            } catch let error as ProviderError {
                throw error
            } catch is BodyReader.TooLarge {
                throw ProviderError(.malformedReply, problem: "The reply from \(endpoint.kind.rawValue) at \(endpoint.shown) is larger than 16 MB; kai stopped reading it.",
                                    remedy: "Nothing was run. Ask for something shorter, or check that the base URL points at a model API.")
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                let failure = ProviderFailure.transport(error, endpoint)
                guard failure.reason == .unreachable, ProviderFailure.isDropped(error), attempt < endpoint.maximumRetries else { throw failure }
                retryAfter = nil
            }
            try await Task.sleep(for: retryAfter ?? endpoint.backOff * Int(1 << attempt))
            attempt += 1
        }
    }

    /// 429 and the 5xx answers that mean "try again": busy, overloaded, a gateway in between.
    private static func isRetryable(_ status: Int) -> Bool {
        [429, 500, 502, 503, 504, 529].contains(status)
    }
}

/// `Retry-After` as seconds or as an HTTP date.
enum RetryAfter {
    /// The wait it asks for, at most a minute (a longer one is better reported than waited out).
    static func duration(_ header: String?) -> Duration? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header) { return .milliseconds(Int(min(max(seconds, 0), 60) * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return .milliseconds(Int(min(max(date.timeIntervalSinceNow, 0), 60) * 1000))
    }
}

extension Duration {
    var timeAmount: TimeAmount {
        .nanoseconds(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000)
    }
}

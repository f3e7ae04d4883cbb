import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A model provider's API on 127.0.0.1:0 for tests: it answers each request with the next scripted
/// reply, exactly as the provider's documentation shows its answers (a JSON document, or
/// server-sent events written chunk by chunk), can fail as providers fail (429 with Retry-After,
/// 5xx, a stream cut in the middle), and records every request it was sent.
public actor ModelServer {
    /// One scripted answer.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        /// The body, written piece by piece so that a client reads it as a stream.
        public var chunks: [String]
        /// Close the connection after the chunks instead of ending the body properly.
        public var cut: Bool
        /// Wait this long before answering (a server that is slow or hangs).
        public var delay: Duration?

        public init(status: Int = 200, headers: [String: String] = [:], chunks: [String], cut: Bool = false, delay: Duration? = nil) {
            self.status = status
            self.headers = headers
            self.chunks = chunks
            self.cut = cut
            self.delay = delay
        }

        /// A JSON document.
        public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Reply {
            Reply(status: status, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, chunks: [text])
        }

        /// Server-sent events, one chunk each: `(event name or nil, data)`.
        public static func events(_ events: [(String?, String)], cut: Bool = false) -> Reply {
            Reply(headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-cache"],
                  chunks: events.map { name, data in (name.map { "event: \($0)\n" } ?? "") + "data: \(data)\n\n" }, cut: cut)
        }
    }

    /// A request as the server received it.
    public struct Received: Sendable {
        public let method: String
        /// The path with its query.
        public let uri: String
        public let headers: [String: String]
        public let body: String

        /// The body as a JSON object.
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
    }

    private var replies: [Reply]
    public private(set) var received: [Received] = []

    init(_ replies: [Reply]) { self.replies = replies }

    func next(_ request: Received) -> Reply {
        received.append(request)
        return replies.isEmpty ? .json(#"{"error":{"message":"the test script ran out of replies"}}"#, status: 500) : replies.removeFirst()
    }

    /// Serves `replies` for the length of `body`, which gets the server's base URL.
    public static func with<T: Sendable>(_ replies: [Reply], _ body: (URL, ModelServer) async throws -> T) async throws -> T {
        let script = ModelServer(replies)
        return try await LocalServer.serve(ModelResponder(script: script), label: "kai.tests.model-server") { url in try await body(url, script) }
    }
}

/// The script's way of closing a connection mid-body.
struct CutStream: Error {}

private struct ModelResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let script: ModelServer

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let reply = await script.next(ModelServer.Received(method: request.method.rawValue, uri: request.uri.description,
                                                           headers: headers, body: String(buffer: body)))
        if let delay = reply.delay { try await Task.sleep(for: delay) }
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        let chunks = reply.chunks
        let cut = reply.cut
        return Response(status: .init(code: reply.status), headers: fields, body: ResponseBody { writer in
            for chunk in chunks {
                try await writer.write(ByteBuffer(string: chunk))
            }
            if cut { throw CutStream() }
            try await writer.finish(nil)
        })
    }
}

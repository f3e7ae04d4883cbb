import Foundation
import Hummingbird
import KaiKube
import KaiTestSupport
import NIOCore

/// A local server on 127.0.0.1:0 that answers each request with the next scripted reply, as an
/// API server would (status code, `metav1.Status` body, headers), and records what it was sent.
actor ScriptedAPIServer {
    struct Reply: Sendable {
        var status: Int
        var body: String
        var retryAfter: String?

        /// A `metav1.Status` failure with `message`, as the API server writes it.
        static func status(_ code: Int, reason: String, message: String, causes: [(String, String)] = []) -> Reply {
            let details = causes.isEmpty ? "" : #","details":{"causes":["# + causes.map { #"{"field":"\#($0.0)","message":"\#($0.1)"}"# }.joined(separator: ",") + "]}"
            return Reply(status: code, body: #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"\#(message)","reason":"\#(reason)","code":\#(code)\#(details)}"#)
        }

        static func ok(_ json: String) -> Reply { Reply(status: 200, body: json) }
    }

    struct Received: Sendable {
        let method: String
        let path: String
        let authorization: String?
        let contentType: String?
        let body: String
    }

    private var replies: [Reply]
    private(set) var received: [Received] = []

    init(_ replies: [Reply]) { self.replies = replies }

    fileprivate func next(_ request: Received) -> Reply {
        received.append(request)
        return replies.isEmpty ? .status(500, reason: "InternalError", message: "script ran out of replies") : replies.removeFirst()
    }

    /// Serves `replies` for the length of `body`.
    static func with<T: Sendable>(_ replies: [Reply], _ body: (URL, ScriptedAPIServer) async throws -> T) async throws -> T {
        let script = ScriptedAPIServer(replies)
        return try await LocalServer.serve(ScriptResponder(script: script), label: "kai.tests.scripted-api") { url in try await body(url, script) }
    }
}

private struct ScriptResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let script: ScriptedAPIServer

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        let received = ScriptedAPIServer.Received(
            method: request.method.rawValue, path: request.uri.path, authorization: request.headers[.authorization],
            contentType: request.headers[.contentType], body: String(buffer: body))
        let reply = await script.next(received)
        var response = Response(status: .init(code: reply.status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: reply.body)))
        if let retryAfter = reply.retryAfter { response.headers[.retryAfter] = retryAfter }
        return response
    }
}

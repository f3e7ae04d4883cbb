import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MCP
import ServiceLifecycle
import UnixSignals

/// `kai mcp --http HOST:PORT`: MCP's streamable HTTP at `/mcp`, hosted by Hummingbird, answered by
/// the SDK's server transport. Every request needs the bearer token generated at start; a session's
/// answers are single JSON documents, so consent over HTTP is `kai approve ID` (or `--yes`).
public struct MCPHTTPServer: Sendable {
    public let kai: KaiMCPServer
    /// The token clients send as `Authorization: Bearer TOKEN`.
    public let token: String
    /// Whether the address may be other than loopback (`--listen-any`); then Host and Origin are not checked.
    public let listensBeyondLoopback: Bool

    /// A server for `kai`, with a fresh random token.
    public init(kai: KaiMCPServer, listensBeyondLoopback: Bool) {
        self.kai = kai
        self.listensBeyondLoopback = listensBeyondLoopback
        token = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Serves on `host`:`port` (0 picks a free port) until SIGINT or SIGTERM; `onReady` gets the endpoint's URL once bound.
    public func run(host: String, port: Int, onReady: @escaping @Sendable (URL) async -> Void) async throws {
        let origin: OriginValidator = listensBeyondLoopback ? .disabled : .localhost()
        let sessions = HTTPSessions(kai: kai, validators: [origin, AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(),
                                                           ProtocolVersionValidator()])
        let shown = host.contains(":") ? "[\(host)]" : host
        let application = Application(
            responder: MCPResponder(token: token, sessions: sessions),
            configuration: .init(address: .hostname(host, port: port), serverName: "kai-mcp"),
            onServerRunning: { channel in
                if let url = URL(string: "http://\(shown):\(channel.localAddress?.port ?? port)\(MCPResponder.path)") { await onReady(url) }
            },
            logger: Self.logger)
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: Self.logger))
        try await group.run()
        await sessions.endAll()
    }

    /// Failures to bind or serve are thrown; what the server logs beyond them is noise.
    private static let logger: Logger = {
        var logger = Logger(label: "kai.mcp")
        logger.logLevel = .critical
        return logger
    }()

    /// Whether `host` is a loopback address, the only kind served without `--listen-any`.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.split(separator: ".").first == "127" && host.split(separator: ".").count == 4
    }
}

/// Checks the token, finds the session and hands the request to the SDK's transport.
struct MCPResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    static let path = "/mcp"
    /// Bodies larger than this are refused: no tool call needs more.
    static let bodyLimit = 1 << 20

    let token: String
    let sessions: HTTPSessions

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.uri.path == Self.path else { return Self.plain(.notFound, "kai mcp serves MCP at \(Self.path) only.\n") }
        guard authorized(request.headers[.authorization]) else {
            var response = Self.plain(.unauthorized, "Send the token kai mcp printed at start: Authorization: Bearer TOKEN.\n")
            response.headers[.wwwAuthenticate] = "Bearer realm=\"kai mcp\""
            return response
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.bodyLimit)
        } catch {
            return Self.plain(.contentTooLarge, "The request body is larger than \(Self.bodyLimit) bytes.\n")
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let message = MCP.HTTPRequest(method: request.method.rawValue, headers: headers, body: Data(body.readableBytesView), path: request.uri.path)
        if let id = request.headers[Self.sessionHeader] {
            guard let answer = await sessions.handle(message, session: id) else {
                return Self.plain(.notFound, "There is no session \(id): it ended, or kai mcp restarted. Initialize a new one.\n")
            }
            return Self.response(answer, session: id)
        }
        guard request.method == .post else { return Self.plain(.badRequest, "Start a session with an initialize request first.\n") }
        guard let (answer, id) = try await sessions.begin(with: message) else {
            return Self.plain(.serviceUnavailable, "kai mcp has \(HTTPSessions.maximum) sessions open, its bound; end one (DELETE) first.\n")
        }
        return Self.response(answer, session: id)
    }

    static let sessionHeader = HTTPField.Name(MCP.HTTPHeaderName.sessionID)!

    /// Compares in time independent of where the tokens differ.
    private func authorized(_ header: String?) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.dropFirst("Bearer ".count).utf8)
        let expected = Array(token.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func response(_ answer: MCP.HTTPResponse, session: String?) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        if let session { fields[sessionHeader] = session }
        let body = answer.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
        return Response(status: .init(code: answer.statusCode), headers: fields, body: body)
    }

    private static func plain(_ status: HTTPTypes.HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

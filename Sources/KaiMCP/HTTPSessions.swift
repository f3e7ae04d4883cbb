import Foundation
import MCP

/// The MCP sessions of `kai mcp --http`: each `initialize` starts a server of its own on the SDK's
/// stateless (JSON-answering) transport, and later requests name it by `Mcp-Session-Id`.
actor HTTPSessions {
    /// Sessions open at once; one more `initialize` is refused until one ends.
    static let maximum = 16

    private struct Session {
        let server: Server
        let transport: StatelessHTTPServerTransport
    }

    private var sessions: [String: Session] = [:]
    private let kai: KaiMCPServer
    private let validators: [any HTTPRequestValidator]

    /// Sessions of `kai`, each checking requests with `validators` (and that a session begins with `initialize`).
    init(kai: KaiMCPServer, validators: [any HTTPRequestValidator]) {
        self.kai = kai
        self.validators = validators
    }

    /// Answers `request` in session `id`; nil when there is no such session.
    func handle(_ request: HTTPRequest, session id: String) async -> HTTPResponse? {
        guard let session = sessions[id] else { return nil }
        let response = await session.transport.handleRequest(request)
        if request.method.uppercased() == "DELETE" {
            sessions[id] = nil
            await session.server.stop()
        }
        return response
    }

    /// Starts a session with `request`, which must be an `initialize`; returns the answer and, when
    /// the session began, its id. Nil when the bound on sessions is reached.
    func begin(with request: HTTPRequest) async throws -> (HTTPResponse, String?)? {
        guard sessions.count < Self.maximum else { return nil }
        let transport = StatelessHTTPServerTransport(validationPipeline: StandardValidationPipeline(validators: validators + [InitializeFirst()]))
        let (server, client) = try await kai.session(on: transport, canElicit: false)
        let response = await transport.handleRequest(request)
        guard await client.hasBegun else {
            await server.stop()
            return (response, nil)
        }
        let id = UUID().uuidString.lowercased()
        sessions[id] = Session(server: server, transport: transport)
        return (response, id)
    }

    /// Stops every session.
    func endAll() async {
        for session in sessions.values { await session.server.stop() }
        sessions = [:]
    }
}

/// A request without a session must be an `initialize`: a server not yet initialized would leave
/// anything else unanswered.
struct InitializeFirst: HTTPRequestValidator {
    func validate(_ request: HTTPRequest, context: HTTPValidationContext) -> HTTPResponse? {
        guard request.header(HTTPHeaderName.sessionID) == nil, !context.isInitializationRequest else { return nil }
        return .error(statusCode: 400, .invalidRequest("Bad Request: start a session with an initialize request, then send its Mcp-Session-Id"))
    }
}

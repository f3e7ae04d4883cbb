import Foundation
import Hummingbird

/// Counts the Kubernetes API requests the sandbox serves, so a test or a benchmark can tell what
/// a client's work cost: `GET /kai-sandbox/v1/requests` answers `{"total": N, "requests": {"GET
/// /api/v1/namespaces/todo-chatbot/pods": 2, …}}`. A watch (`?watch=true`) is counted as `WATCH`, the
/// verb RBAC gives it, so lists and watches of one path are told apart. The sandbox's own endpoints are not counted.
public actor RequestTally {
    private var counts: [String: Int] = [:]

    /// A tally with nothing counted yet.
    public init() {}

    func count(_ method: String, _ path: String) { counts["\(method) \(path)", default: 0] += 1 }

    /// Requests served so far, by method and path.
    public var requests: [String: Int] { counts }
    /// How many requests were served so far.
    public var total: Int { counts.values.reduce(0, +) }
}

/// Counts each request in a ``RequestTally`` and hands it on; answers the tally's own endpoint.
struct CountingResponder<Next: HTTPResponder>: HTTPResponder {
    typealias Context = Next.Context

    let next: Next
    let tally: RequestTally

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path == "/kai-sandbox/v1/requests" {
            let counts = await tally.requests
            let body: JSONValue = ["total": .int(Int64(counts.values.reduce(0, +))), "requests": .object(counts.mapValues { .int(Int64($0)) })]
            return APIResponder.json(body)
        }
        let watches = request.method == .get && ["true", "1"].contains(request.uri.queryParameters.get("watch") ?? "")
        if !path.hasPrefix("/kai-sandbox/") { await tally.count(watches ? "WATCH" : request.method.rawValue, path) }
        return try await next.respond(to: request, context: context)
    }
}

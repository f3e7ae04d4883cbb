import Hummingbird

extension APIResponder {
    /// GET lists the appended lines; POST `/kai-sandbox/v1/logs/backend` `{"lines": [...]}` (or
    /// `{"component": "backend", "lines": [...]}` to `/kai-sandbox/v1/logs`) appends to a
    /// component's logs; DELETE `/kai-sandbox/v1/logs/backend` ends them.
    func logLineRequest(_ component: String?, _ request: APIRequest) async throws -> Response {
        let book = logs.book
        switch request.method {
        case .get:
            return Self.json(["logs": .object(await book.all.mapValues { .array($0.map(JSONValue.string)) })])
        case .post, .put:
            let body = try request.object()
            guard let target = body["component"].string ?? component, let lines = body["lines"].array?.compactMap(\.string), !lines.isEmpty else {
                throw APIError.badRequest("send {\"lines\": [TEXT, ...]} to /kai-sandbox/v1/logs/COMPONENT")
            }
            await book.append(lines, to: target)
            return Self.json(["component": .string(target), "lines": .array(await book.lines(for: target).map { .string($0.text) })], status: 201)
        case .delete:
            guard let component else { throw APIError.badRequest("name the component: DELETE /kai-sandbox/v1/logs/COMPONENT") }
            await book.clear(component)
            return Self.json(["component": .string(component), "lines": []])
        default:
            throw APIError.methodNotAllowed(request.method.rawValue, "logs")
        }
    }
}

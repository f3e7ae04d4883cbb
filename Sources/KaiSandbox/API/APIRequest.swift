import Foundation
import Hummingbird

/// The parts of an HTTP request the API handlers read: query, media types, body.
struct APIRequest: Sendable {
    let method: HTTPRequest.Method
    let query: [String: String]
    let accept: String
    let contentType: String
    let body: Data
    let host: String

    init(_ request: Request, body: ByteBuffer) {
        method = request.method
        var query: [String: String] = [:]
        for item in URLComponents(string: "http://sandbox" + request.uri.string)?.queryItems ?? [] {
            query[item.name] = item.value ?? ""
        }
        self.query = query
        accept = request.headers[.accept] ?? ""
        contentType = request.headers[.contentType] ?? "application/json"
        self.body = Data(buffer: body)
        host = request.head.authority ?? "127.0.0.1"
    }

    /// The client asked for the Table rendering kubectl prints (`as=Table;g=meta.k8s.io`).
    var wantsTable: Bool { accept.contains("as=Table") }
    /// `?watch=true` or `?watch=1`.
    var isWatch: Bool { ["true", "1"].contains(query["watch"] ?? "") }

    /// The body as JSON (or YAML, for server-side apply; or protobuf, from client-go's typed clients).
    func object() throws(APIError) -> JSONValue {
        if KubeProtobuf.isProtobuf(contentType) { return try KubeProtobuf.decode(body) }
        do {
            if contentType.hasPrefix("application/apply-patch+yaml") || contentType.hasPrefix("application/yaml") {
                return try YAMLBody.parse(String(decoding: body, as: UTF8.self))
            }
            return try JSONValue.parse(body)
        } catch {
            throw APIError.badRequest("the request body is not valid JSON: \(error)")
        }
    }

    /// The whole-number query parameter `name`; nil when absent, a 400 when it is not a number.
    func integer(_ name: String) throws(APIError) -> Int64? {
        guard let text = query[name], !text.isEmpty else { return nil }
        guard let value = Int64(text) else {
            throw APIError.badRequest(name == "resourceVersion" ? "invalid resource version \"\(text)\""
                                                                : "\(name): invalid value \"\(text)\": must be a whole number")
        }
        return value
    }

    func labelSelector() throws(APIError) -> Selector { try Selector(label: query["labelSelector"] ?? "") }
    func fieldSelector() throws(APIError) -> Selector { try Selector(field: query["fieldSelector"] ?? "") }
}

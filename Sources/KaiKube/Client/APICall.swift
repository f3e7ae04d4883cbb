import Foundation
import NIOHTTP1

/// One request to the API server, described as data before it is sent.
public struct APICall: Sendable {
    public var method: HTTPMethod
    public var path: String
    public var query: [URLQueryItem]
    public var body: [UInt8]?
    public var contentType: String?
    /// What the call does, for error messages.
    public var action: APIAction
    /// Overrides ``ClientSettings/requestTimeout`` (watches and followed logs run longer).
    public var timeout: Duration?

    /// A call of `method` on `path`.
    public init(_ method: HTTPMethod, _ path: String, query: [URLQueryItem] = [], body: [UInt8]? = nil,
                contentType: String? = nil, action: APIAction, timeout: Duration? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
        self.action = action
        self.timeout = timeout
    }
}

/// The content types of the patch kinds the API accepts.
public enum PatchType: String, Sendable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategicMerge = "application/strategic-merge-patch+json"
}

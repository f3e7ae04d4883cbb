import KaiCore
import Foundation
import NIOHTTP1

extension KubeClient {
    /// Reads one object.
    public func get<T: Decodable & Sendable>(_ type: T.Type, _ resource: APIResource, _ name: String, in namespace: String?,
                                             subresource: String? = nil) async throws -> T {
        let action = APIAction("get", resource, namespace: namespace, name: name, subresource: subresource)
        let body = try await send(APICall(.GET, resource.path(namespace: namespace, name: name, subresource: subresource), action: action))
        return try decode(type, from: body, action: action)
    }

    /// Lists the objects of `resource` in `namespace`, filtered by label and field selectors,
    /// following `continue` tokens until the list is complete.
    public func list<T: Decodable & Sendable>(_ type: T.Type, _ resource: APIResource, in namespace: String?,
                                              labelSelector: String? = nil, fieldSelector: String? = nil) async throws -> ObjectList<T> {
        let action = APIAction("list", resource, namespace: namespace)
        var query: [URLQueryItem] = [URLQueryItem(name: "limit", value: "500")]
        if let labelSelector, !labelSelector.isEmpty { query.append(URLQueryItem(name: "labelSelector", value: labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(URLQueryItem(name: "fieldSelector", value: fieldSelector)) }
        var page = try decode(ObjectList<T>.self, from: try await send(APICall(.GET, resource.path(namespace: namespace), query: query, action: action)),
                              action: action)
        var items = page.items
        while let token = page.metadata.continue, !token.isEmpty {
            let next = query + [URLQueryItem(name: "continue", value: token)]
            page = try decode(ObjectList<T>.self, from: try await send(APICall(.GET, resource.path(namespace: namespace), query: next, action: action)),
                              action: action)
            items += page.items
        }
        page.items = items
        return page
    }

    /// Creates `object` in `namespace` and returns it as stored.
    public func create<T: Codable & Sendable>(_ object: T, _ resource: APIResource, in namespace: String, name: String) async throws -> T {
        let action = APIAction("create", resource, namespace: namespace, name: name)
        let body = try await send(APICall(.POST, resource.path(namespace: namespace), body: try encode(object), action: action))
        return try decode(T.self, from: body, action: action)
    }

    /// Replaces an object (or subresource) with `object`; its `resourceVersion` makes this fail with 409
    /// if someone changed it since it was read.
    public func replace<T: Codable & Sendable>(_ object: T, _ resource: APIResource, _ name: String, in namespace: String,
                                               subresource: String? = nil) async throws -> T {
        let action = APIAction("update", resource, namespace: namespace, name: name, subresource: subresource)
        let path = resource.path(namespace: namespace, name: name, subresource: subresource)
        let body = try await send(APICall(.PUT, path, body: try encode(object), action: action))
        return try decode(T.self, from: body, action: action)
    }

    /// Patches an object with `patch` of kind `type` and returns it as stored.
    public func patch<T: Decodable & Sendable>(_ type: T.Type, _ resource: APIResource, _ name: String, in namespace: String,
                                               patch: JSON, as patchType: PatchType) async throws -> T {
        let action = APIAction("patch", resource, namespace: namespace, name: name)
        let call = APICall(.PATCH, resource.path(namespace: namespace, name: name), body: try encode(patch),
                           contentType: patchType.rawValue, action: action)
        return try decode(type, from: try await send(call), action: action)
    }

    /// Deletes one object; with `uid`, only while the object under that name is still the one with
    /// that uid (a `DeleteOptions` precondition), so an object created again under the name is left alone.
    public func delete(_ resource: APIResource, _ name: String, in namespace: String, uid: String? = nil) async throws {
        let action = APIAction("delete", resource, namespace: namespace, name: name)
        var body: [UInt8]?
        if let uid {
            body = try encode(DeleteOptions(preconditions: .init(uid: uid)))
        }
        _ = try await send(APICall(.DELETE, resource.path(namespace: namespace, name: name), body: body,
                                   contentType: body == nil ? nil : "application/json", action: action))
    }

    func decode<T: Decodable>(_ type: T.Type, from body: [UInt8], action: APIAction) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw KubeError(.malformedResponse,
                            problem: "The cluster at \(server) answered \(action) with something that is not a \(action.resource.singular) (\(Self.describe(error))).",
                            remedy: "Check that the kubeconfig's server is a Kubernetes API server of a supported version.")
        }
    }

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted: return "not JSON"
        @unknown default: return "\(decoding)"
        }
    }
}

import Foundation

/// One change seen by a watch.
public struct WatchEvent<Object: Decodable & Sendable>: Sendable {
    /// ADDED, MODIFIED, DELETED or BOOKMARK.
    public let type: String
    public let object: Object
}

extension KubeClient {
    /// Watches the objects of `resource` in `namespace` from `resourceVersion` for at most
    /// `timeout` (the server ends the watch then). The stream throws ``KubeError`` with reason
    /// `.expired` when the version is too old, and ends when the server closes the watch.
    public func watch<T: Decodable & Sendable>(_ type: T.Type, _ resource: APIResource, in namespace: String,
                                               fieldSelector: String? = nil, labelSelector: String? = nil,
                                               resourceVersion: String?, timeout: Duration) -> AsyncThrowingStream<WatchEvent<T>, any Error> {
        let action = APIAction("watch", resource, namespace: namespace)
        var query = [URLQueryItem(name: "watch", value: "true"), URLQueryItem(name: "allowWatchBookmarks", value: "true"),
                     URLQueryItem(name: "timeoutSeconds", value: String(max(1, Int(timeout.components.seconds))))]
        if let resourceVersion { query.append(URLQueryItem(name: "resourceVersion", value: resourceVersion)) }
        if let fieldSelector { query.append(URLQueryItem(name: "fieldSelector", value: fieldSelector)) }
        if let labelSelector { query.append(URLQueryItem(name: "labelSelector", value: labelSelector)) }
        let call = APICall(.GET, resource.path(namespace: namespace), query: query, action: action, timeout: timeout + .seconds(5))
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await line in try await lines(of: call) {
                        guard let event = try watchEvent(T.self, line: line, action: action) else { continue }
                        continuation.yield(event)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func watchEvent<T: Decodable & Sendable>(_ type: T.Type, line: [UInt8], action: APIAction) throws -> WatchEvent<T>? {
        let envelope = try decode(Envelope.self, from: line, action: action)
        switch envelope.type {
        case "ERROR":
            let status = (try? decode(WatchFailure.self, from: line, action: action))?.object.code ?? 500
            throw explainer.error(status: status, body: line, action: action)
        case "BOOKMARK":
            return nil
        default:
            return WatchEvent(type: envelope.type, object: try decode(TypedEnvelope<T>.self, from: line, action: action).object)
        }
    }

    /// The body of a streamed answer, split into lines.
    func lines(of call: APICall) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let body = try await stream(call)
        let client = self
        let settings = self.settings
        return AsyncThrowingStream { continuation in
            let task = Task {
                var pending: [UInt8] = []
                do {
                    for try await buffer in body {
                        pending += buffer.readableBytesView
                        while let newline = pending.firstIndex(of: 10) {
                            continuation.yield(Array(pending[..<newline]))
                            pending.removeSubrange(...newline)
                        }
                    }
                    if !pending.isEmpty { continuation.yield(pending) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: client.transportError(error, call, timeout: call.timeout ?? settings.requestTimeout))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// The parts of a watch line read before its object.
private struct Envelope: Decodable { let type: String }
private struct TypedEnvelope<T: Decodable>: Decodable { let object: T }
private struct WatchFailure: Decodable {
    struct Status: Decodable { let code: Int? }
    let object: Status
}

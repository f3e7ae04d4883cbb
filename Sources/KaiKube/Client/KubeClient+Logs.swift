import Foundation

/// Which part of a container's log to read: `kubectl logs --tail --since --previous -c`.
public struct LogRequest: Sendable, Hashable {
    public var container: String?
    public var tailLines: Int?
    public var sinceSeconds: Int?
    public var previous: Bool

    /// The last `tailLines` lines (all when nil) of `container` (the only one when nil).
    public init(container: String? = nil, tailLines: Int? = nil, sinceSeconds: Int? = nil, previous: Bool = false) {
        self.container = container
        self.tailLines = tailLines
        self.sinceSeconds = sinceSeconds
        self.previous = previous
    }

    var query: [URLQueryItem] {
        var items: [URLQueryItem] = []
        if let container { items.append(URLQueryItem(name: "container", value: container)) }
        if let tailLines { items.append(URLQueryItem(name: "tailLines", value: String(tailLines))) }
        if let sinceSeconds { items.append(URLQueryItem(name: "sinceSeconds", value: String(sinceSeconds))) }
        if previous { items.append(URLQueryItem(name: "previous", value: "true")) }
        return items
    }
}

extension KubeClient {
    /// The log text of one pod's container.
    public func logs(pod: String, in namespace: String, _ request: LogRequest) async throws -> String {
        let action = APIAction("get", .pods, namespace: namespace, name: pod, subresource: "log")
        let call = APICall(.GET, APIResource.pods.path(namespace: namespace, name: pod, subresource: "log"), query: request.query, action: action)
        return String(decoding: try await send(call), as: UTF8.self)
    }

    /// Follows one pod's container log line by line (`kubectl logs -f`) until the stream is
    /// cancelled, the container ends, or `timeout` passes.
    public func followLogs(pod: String, in namespace: String, _ request: LogRequest,
                           timeout: Duration = .seconds(3600)) async throws -> AsyncThrowingStream<String, any Error> {
        let action = APIAction("get", .pods, namespace: namespace, name: pod, subresource: "log")
        let call = APICall(.GET, APIResource.pods.path(namespace: namespace, name: pod, subresource: "log"),
                           query: request.query + [URLQueryItem(name: "follow", value: "true")], action: action, timeout: timeout)
        let lines = try await lines(of: call)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await line in lines { continuation.yield(String(decoding: line, as: UTF8.self)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

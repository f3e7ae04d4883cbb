import Foundation
import Hummingbird
import ServiceLifecycle

/// Serves `pods/{name}/log`: what each component's real software writes, with timestamps,
/// from the container's start until now.
struct LogSource: Sendable {
    let faults: FaultBook
    let book: LogBook
    let now: @Sendable () -> Date

    func response(namespace: String, pod name: String, request: APIRequest, store: ObjectStore) async throws -> Response {
        let pod = try await store.get(ResourceCatalog.pod, namespace: namespace, name: name)
        let containers = (pod[path: "spec.containers"].array ?? []).compactMap { $0["name"].string }
        let container = request.query["container"] ?? containers.first ?? ""
        guard containers.contains(container) else {
            let message = request.query["container"] == nil
                ? "a container name must be specified for pod \(name), choose one of: [\(containers.joined(separator: " "))]"
                : "container \(container) is not valid for pod \(name)"
            throw APIError.badRequest(message)
        }
        let status = (pod[path: "status.containerStatuses"].array ?? []).first { $0["name"].string == container }
        let previous = ["true", "1"].contains(request.query["previous"] ?? "")
        let fault = await faults.fault(for: Kubelet.component(pod))
        let injected = await book.lines(for: Kubelet.component(pod))
        let run: ContainerRun
        if previous {
            guard let terminated = status?[path: "lastState.terminated"], !terminated.isNull else {
                throw APIError.badRequest("previous terminated container \"\(container)\" in pod \"\(name)\" not found")
            }
            run = ContainerRun(pod: pod, container: container, started: terminated["startedAt"].string, ended: terminated["finishedAt"].string, fault: fault,
                               injected: injected)
        } else {
            guard let running = status?[path: "state.running.startedAt"].string ?? status?[path: "state.terminated.startedAt"].string else {
                let reason = status?[path: "state.waiting.reason"].string ?? "ContainerCreating"
                throw APIError.badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: \(reason)")
            }
            run = ContainerRun(pod: pod, container: container, started: running, ended: status?[path: "state.terminated.finishedAt"].string,
                               fault: fault, injected: injected)
        }
        let end = run.ended.flatMap(Timestamp.parse) ?? now()
        var lines = ComponentLogs.lines(for: run, until: end)
        if let since = request.query["sinceSeconds"].flatMap(Int.init) {
            let cutoff = now().addingTimeInterval(-Double(since))
            lines = lines.filter { $0.time >= cutoff }
        }
        if let tail = request.query["tailLines"].flatMap(Int.init), tail >= 0 { lines = Array(lines.suffix(tail)) }
        let timestamps = ["true", "1"].contains(request.query["timestamps"] ?? "")
        let text = lines.map { $0.render(timestamps: timestamps) }.joined()
        let follow = ["true", "1"].contains(request.query["follow"] ?? "") && !previous && run.ended == nil
        guard follow else {
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let clock = now
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: text))
            let (lines, continuation) = AsyncStream<String>.makeStream()
            // Follow for up to ten minutes; the client usually hangs up first.
            let producer = Task {
                var last = end
                for _ in 0..<300 {
                    guard (try? await Task.sleep(for: .seconds(2))) != nil else { break }
                    let current = clock()
                    for line in ComponentLogs.lines(for: run, until: current) where line.time > last {
                        continuation.yield(line.render(timestamps: timestamps))
                    }
                    last = current
                }
                continuation.finish()
            }
            defer { producer.cancel() }
            // A server shutting down ends followed logs, as it ends watches.
            try await withGracefulShutdownHandler {
                for await line in lines { try await writer.write(ByteBuffer(string: line)) }
            } onGracefulShutdown: {
                continuation.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/plain"], body: body)
    }
}

/// One run of one container: from its start to its end (nil while it runs).
struct ContainerRun: Sendable {
    let pod: JSONValue
    let container: String
    let started: String?
    let ended: String?
    /// The fault in force, which decides how the run ends and what it writes.
    let fault: Fault?
    /// Lines appended to the component's logs, which the run writes too.
    let injected: [InjectedLine]

    var component: String { pod[path: "metadata.labels"].stringMap["app.kubernetes.io/component"] ?? container }
    var podName: String { pod[path: "metadata.name"].string ?? "" }
    var startDate: Date { started.flatMap(Timestamp.parse) ?? Date() }
}

/// One log line with the time it was written.
struct LogLine: Sendable {
    let time: Date
    let text: String

    func render(timestamps: Bool) -> String {
        guard timestamps else { return text + "\n" }
        return time.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)).replacingOccurrences(of: "+0000", with: "Z")
            + " " + text + "\n"
    }
}

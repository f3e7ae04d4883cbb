import KaiCore
import Synchronization

/// Passes streamed text on to the person and remembers whether any was shown, so that a reply cut
/// off before anything was shown can be asked for again without showing text twice.
final class TextSink: Sendable {
    private let forward: @Sendable (String) -> Void
    private let shown = Mutex(false)

    init(_ forward: @escaping @Sendable (String) -> Void) {
        self.forward = forward
    }

    func send(_ text: String) {
        guard !text.isEmpty else { return }
        shown.withLock { $0 = true }
        forward(text)
    }

    var emitted: Bool { shown.withLock { $0 } }
}

/// Tool calls assembled from streamed pieces, in the order the model began them.
struct ToolCallAssembly {
    private var calls: [Int: (id: String, name: String, arguments: String)] = [:]

    mutating func add(index: Int, id: String?, name: String?, arguments: String?) {
        var call = calls[index] ?? (id: "", name: "", arguments: "")
        if let id, !id.isEmpty { call.id = id }
        if let name { call.name += name }
        if let arguments { call.arguments += arguments }
        calls[index] = call
    }

    var toolCalls: [ToolCall] {
        calls.sorted { $0.key < $1.key }.map { index, call in
            ToolCall(id: call.id.isEmpty ? "call_\(index)" : call.id, name: call.name, arguments: call.arguments)
        }
    }
}

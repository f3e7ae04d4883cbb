import KaiCore

/// What the model's reads showed, kept whole so that what goes back to the model can be clipped again
/// when the server's context overflows. Each result keeps its last whole lines, wrapped as cluster
/// data: logs end with what matters, and a line cut at its start could keep a secret without the word
/// that marks it as one.
struct ReadResults {
    /// The longest result sent back at first, in characters.
    static let firstLimit = 6_000
    /// The shortest a result is clipped to before kai gives up fitting the server's context.
    static let smallestLimit = 750

    private(set) var limit = firstLimit
    private var lines: [String: [String]] = [:]

    /// Keeps what the read for `call` showed, and returns it as the result to send back.
    mutating func record(_ shown: [String], for call: ToolCall) -> ToolResult {
        lines[call.id] = shown
        return result(call.id, name: call.name, shown)
    }

    /// Whether clipping the results further could make the conversation fit.
    var canShrink: Bool { !lines.isEmpty && limit > Self.smallestLimit }

    /// `messages` with every read result clipped to a quarter of what it was.
    mutating func shrinking(_ messages: [ModelMessage]) -> [ModelMessage] {
        limit = max(Self.smallestLimit, limit / 4)
        return messages.map { message in
            guard case .toolResult(let result) = message, let shown = lines[result.callID] else { return message }
            return .toolResult(self.result(result.callID, name: result.name, shown))
        }
    }

    private func result(_ callID: String, name: String, _ shown: [String]) -> ToolResult {
        var kept = shown[...]
        var length = kept.reduce(0) { $0 + $1.count + 1 }
        var dropped = false
        while length > limit, let first = kept.first {
            length -= first.count + 1
            kept = kept.dropFirst()
            dropped = true
        }
        let text = (dropped ? "[earlier lines left out]\n" : "") + kept.joined(separator: "\n")
        return ToolResult(callID: callID, name: name, content: "<cluster-data>\n\(text)\n</cluster-data>", isError: false)
    }
}

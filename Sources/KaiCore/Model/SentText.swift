import Foundation

/// What a model sent, for a message saying why its reply could not be used: its tool calls and
/// text, or the provider's raw reply when there were none; on one line, clipped, and scrubbed of
/// secrets (the terminal layer makes control characters visible).
public enum SentText {
    /// The most characters shown.
    static let limit = 240

    /// `reply` as a message quotes it.
    public static func describe(_ reply: ModelReply) -> String {
        let calls = reply.toolCalls.map { "\($0.name) \($0.arguments)" }
        let text = reply.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var shown = (calls + (text.isEmpty ? [] : [text])).joined(separator: "; ")
        if shown.isEmpty { shown = reply.sent.isEmpty ? "nothing" : reply.sent }
        return clipped(shown)
    }

    /// `text` on one line, scrubbed and clipped to ``limit`` characters.
    public static func clipped(_ text: String) -> String {
        let line = Redactor.scrub(text).split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > limit ? String(line.prefix(limit - 3)) + "..." : line
    }
}

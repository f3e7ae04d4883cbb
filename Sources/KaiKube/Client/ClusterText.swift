/// Text that comes from the cluster (server messages, event messages, container reasons) is
/// data: where kai quotes it, it is one line of bounded length.
public enum ClusterText {
    /// `text` on one line, cut to `limit` characters with an ellipsis.
    public static func clip(_ text: String, limit: Int = 240) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }
}

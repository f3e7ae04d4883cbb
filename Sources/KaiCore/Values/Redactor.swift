/// Scrubs secrets out of text before it leaves kai for a model provider: bearer tokens, API
/// keys, JWTs, private keys and passwords in URLs or `password=` settings. Cluster text (logs,
/// events, annotations, environment values) goes through it on its way to any model.
///
/// ```swift
/// Redactor.scrub("GET /api Authorization: Bearer eyJhbGciOi…")  // "GET /api Authorization: Bearer [redacted]"
/// ```
public enum Redactor {
    /// What stands in for a removed secret.
    public static let mark = "[redacted]"

    /// `text` with every secret it recognises replaced by ``mark``.
    public static func scrub(_ text: String) -> String {
        var text = text
        text.replace(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.|\n)*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/, with: "[redacted private key]")
        text.replace(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/, with: mark)
        text.replace(/(?i)(bearer|basic|token)(\s+)[A-Za-z0-9._~+\/=-]{12,}/) { "\($0.output.1)\($0.output.2)\(mark)" }
        text.replace(/(?:sk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{12,}|AIza[0-9A-Za-z_-]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}|xox[abprs]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16})/, with: mark)
        text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/[^\/\s:@]+):[^@\s\/]+@/) { "\($0.output.1):\(mark)@" }
        text.replace(/(?i)\b((?:[a-z0-9_]*[_-])?(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?))(["']?\s*[:=]\s*["']?)(?!\[redacted)[^\s"',;&<>]{3,}/) {
            "\($0.output.1)\($0.output.2)\(mark)"
        }
        return text
    }
}

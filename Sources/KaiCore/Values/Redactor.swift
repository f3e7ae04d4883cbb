/// Scrubs secrets out of text before it leaves kai for a model provider, an audit record or a
/// message: bearer tokens, API keys, JWTs, private keys, passwords in URLs (with or without a user
/// name), `password=` settings (plain or URL-encoded), `--password X` style flags and a database
/// client's `-p`, webhook and pre-signed URLs, "the password is X" prose and the values of
/// `DATABASE_URL`-style variables. Every request to a model passes through it (``ModelRequest/scrubbed``).
///
/// ```swift
/// Redactor.scrub("GET /api Authorization: Bearer eyJhbGciOi…")  // "GET /api Authorization: Bearer [redacted]"
/// ```
public enum Redactor {
    /// What stands in for a removed secret.
    public static let mark = "[redacted]"

    /// `text` with every secret it recognises replaced by ``mark``.
    public static func scrub(_ text: String) -> String {
        // Each pattern runs only on text holding a word it cannot match without: most text (a
        // request, a replica count) holds none, and a pattern costs its compilation on first use.
        let clues = SecretClues(text)
        var text = text
        if clues.mention("private key") {
            text.replace(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.|\n)*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/, with: "[redacted private key]")
        }
        if clues.mention("eyj") { text.replace(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/, with: mark) }
        if clues.mention("bearer", "basic", "token") {
            text.replace(/(?i)(bearer|basic|token)(\s+)[A-Za-z0-9._~+\/=-]{12,}/) { "\($0.output.1)\($0.output.2)\(mark)" }
        }
        if clues.mention("sk-", "aiza", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "akia", "asia") {
            text.replace(/(?:\bsk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_-]{12,}|AIza[0-9A-Za-z_-]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}|xox[abprs]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16})/, with: mark)
        }
        text = SecretLinks.scrub(text, clues)
        text = SecretSettings.scrub(text, clues)
        return text
    }
}

/// The lowercased text a scrub looks at, to skip the patterns that could not match it. Text with
/// any character beyond ASCII runs every pattern: a case-insensitive pattern may match letters
/// there that lowercasing does not bring to the ASCII spelling looked for.
struct SecretClues {
    private let lowercased: String?

    init(_ text: String) { lowercased = text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased() : nil }

    /// Whether the text may hold any of `words` (lowercase ASCII), in any case.
    func mention(_ words: String...) -> Bool {
        guard let lowercased else { return true }
        return words.contains { lowercased.contains($0) }
    }
}

/// Secrets carried by URLs: the password of `scheme://user:pass@` (the user may be empty, as in
/// `redis://:pass@host`), the path of a Slack, Discord or Teams webhook, and the signature and
/// credential parameters of S3, GCS and Azure pre-signed URLs.
enum SecretLinks {
    static func scrub(_ text: String, _ clues: SecretClues) -> String {
        var text = text
        let mark = Redactor.mark
        if clues.mention("://") {
            text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/[^\/\s:@]*):(?!\[redacted)[^@\s\/]+@/) { "\($0.output.1):\(mark)@" }
        }
        guard clues.mention("hooks.slack.com", "discord", "webhook.office.com", "sig", "x-amz-", "x-goog-", "accessid") else { return text }
        text.replace(/(?i)((?:hooks\.slack\.com\/(?:services|workflows|triggers)|discord(?:app)?\.com\/api\/webhooks|webhook\.office\.com\/webhookb2)\/)(?!\[redacted)[^\s"'<>]+/) {
            "\($0.output.1)\(mark)"
        }
        text.replace(/(?i)([?&](?:x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|sig|signature|awsaccesskeyid|googleaccessid)=)(?!\[redacted)[^&\s"'<>#]+/) {
            "\($0.output.1)\(mark)"
        }
        return text
    }
}

/// Secrets written as settings: `password=X`, `"token": "X"`, `password%3DX`, `--password X`,
/// `mysql -pX`, "the password is X", and the whole value of a connection-string variable.
enum SecretSettings {
    static func scrub(_ text: String, _ clues: SecretClues) -> String {
        var text = text
        let mark = Redactor.mark
        if clues.mention("database_url", "db_url", "dsn", "connection_string", "conn_str", "redis_url", "mongo", "amqp_url", "broker_url") {
            text.replace(/(?i)\b([A-Z0-9_]*(?:DATABASE_URL|DB_URL|DSN|CONNECTION_STRING|CONN_STR|REDIS_URL|MONGO(?:DB)?_URI|MONGO(?:DB)?_URL|AMQP_URL|BROKER_URL))(["']?\s*[:=]\s*["']?)(?!\[redacted)[^\s"',;<\[$]+/) {
                "\($0.output.1)\($0.output.2)\(mark)"
            }
        }
        guard clues.mention("pass", "pwd", "secret", "token", "key", "credential", "psql", "pg_", "mysql", "mariadb", "redis-cli", "mongo", "pin") else {
            return text
        }
        text.replace(/(?i)\b((?:[a-z0-9_]*[_-])?(?:password|passwd|pwd|secret|token|(?:api|access|private|secret|signing|encryption|master|client)[_-]?key|credentials?))(["']?\s*[:=]\s*["']?|%3D|%3A)(?!\[redacted)(?:(?!%26)[^\s"',;&<>])+/) {
            "\($0.output.1)\($0.output.2)\(mark)"
        }
        text.replace(/(?i)((?:^|\s)--?(?:[a-z0-9]+[-_])*(?:password|passwd|pass|pwd|token|secret|api[-_]?key|access[-_]?key|credentials?))(\s+)(?!\[redacted)(?!-)("[^"]*"|'[^']*'|\S+)/) {
            "\($0.output.1)\($0.output.2)\(mark)"
        }
        text.replace(/(?i)(\b(?:psql|pg_dump|pg_restore|mysql|mysqldump|mysqladmin|mariadb|redis-cli|mongo|mongosh|mongodump)\b[^\n]*?\s-[pa])(\s*)(?!\[redacted)([^\s-]\S*)/) {
            "\($0.output.1)\($0.output.2)\(mark)"
        }
        text.replace(/(?i)\b(password|passwd|passphrase|secret|token|api key|pin)(\s+(?:is|was|is now|set to|reset to|changed to)\s+)(["']?)(?!\[redacted)(?!(?:incorrect|invalid|wrong|expired|missing|required|empty|not|set|too|a|an|the|null|none|being|still|now)\b)[^\s"',;]{3,}/) {
            "\($0.output.1)\($0.output.2)\($0.output.3)\(mark)"
        }
        return text
    }
}

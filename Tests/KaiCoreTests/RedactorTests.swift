import KaiCore
import Testing

/// Secrets in cluster text are replaced before it goes to a model; ordinary text is left alone.
@Suite("Redactor")
struct RedactorTests {
    @Test(arguments: [
        ("Authorization: Bearer abcdefghijklmnop1234", "hijklmnop1234"),
        ("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N", "eyJzdWIiOiIxMjM0NTY3ODkwIn0"),
        ("OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwx", "abcdefghijklmnopqrstuvwx"),
        ("using key AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890"),
        ("pushed with ghp_0123456789abcdefghijABCDEFGHIJ012345", "ghp_0123456789"),
        ("aws AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
        ("connecting to postgresql://todo:s3cr3t-pass@postgres:5432/todo", "s3cr3t-pass"),
        ("password=hunter22 user=admin", "hunter22"),
        ("\"db_password\": \"correct-horse\"", "correct-horse"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA"),
        ("redis://:RedisPass@redis:6379/0", "RedisPass"),
        ("backup --password FlagPass --host db", "FlagPass"),
        ("Args:\n      --token\n      FlagToken", "FlagToken"),
        ("mysql -u root -pMyPass todo", "MyPass"),
        ("https://hooks.slack.com/services/T0/B0/XXXXSLACK", "XXXXSLACK"),
        ("https://discord.com/api/webhooks/123/DiscordTok", "DiscordTok"),
        ("https://b.s3.amazonaws.com/k?X-Amz-Credential=AKID%2F2024&X-Amz-Signature=abc123sig", "abc123sig"),
        ("https://acct.blob.core.windows.net/c/b?sv=2022&sig=AzureSig%3D", "AzureSig"),
        ("state=password%3DEncPass%26user%3Dadmin", "EncPass"),
        ("the admin password is PlainPass", "PlainPass"),
        ("DATABASE_URL=sqlite:///data/app.db", "sqlite:///data/app.db"),
        ("SECRET_KEY=django-insecure-key", "django-insecure-key"),
    ])
    func secretsAreRemoved(text: String, secret: String) {
        let scrubbed = Redactor.scrub(text)
        #expect(!scrubbed.contains(secret), "\(scrubbed)")
        #expect(scrubbed.contains("[redacted"))
    }

    @Test func ordinaryLogLinesAreKept() {
        for line in ["INFO:     10.244.0.1:52034 - \"GET /health HTTP/1.1\" 200 OK",
                     "Back-off restarting failed container backend in pod todo-chatbot-backend-x",
                     "sqlalchemy.exc.OperationalError: could not connect to server: Connection refused",
                     "the token expired, retrying",
                     "FATAL: password authentication failed for user \"todo\"",
                     "the password is incorrect",
                     "DATABASE_URL=<from secret todo-chatbot-secrets, key DATABASE_URL>",
                     "--token-file /var/run/secrets/token"] {
            #expect(Redactor.scrub(line) == line)
        }
    }

    /// Patterns are skipped only for text that lacks a word they need, in any case; text beyond
    /// ASCII runs them all.
    @Test func skippingPatternsNeverKeepsASecret() {
        #expect(Redactor.scrub("AUTHORIZATION: BEARER abcdefghijklmnop1234") == "AUTHORIZATION: BEARER [redacted]")
        #expect(Redactor.scrub("Db_Password: hunter22") == "Db_Password: [redacted]")
        #expect(Redactor.scrub("café — PASSWORD=hunter22") == "café — PASSWORD=[redacted]")
        #expect(Redactor.scrub("scale frontend to 2") == "scale frontend to 2")
        // An API key's prefix inside a word is no key: an image named disk-cleaner keeps its name.
        #expect(Redactor.scrub("set image to ghcr.io/acme/disk-cleaner-2024.01") == "set image to ghcr.io/acme/disk-cleaner-2024.01")
        #expect(Redactor.scrub("OPENAI_API_KEY sk-proj-abcdefghijklmnop") == "OPENAI_API_KEY [redacted]")
    }
}

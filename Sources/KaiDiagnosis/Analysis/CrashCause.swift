import KaiKube

/// Names why a container exits, from the last lines it wrote and how it ended. Log text is only
/// matched against known shapes of failure and quoted as data; nothing in it is ever obeyed.
///
/// ```swift
/// CrashCause.recognise(lines: ["KeyError: 'BETTER_AUTH_SECRET'"], exitCode: 1, signal: nil)?.cause.reason
/// // .missingEnvironmentVariable
/// ```
enum CrashCause {
    /// A recognised cause and the log line that shows it, if a line does.
    struct Match: Sendable, Hashable {
        let cause: Cause
        let line: String?
        /// The host and port the app failed to reach, when the line names them.
        let address: Address?
        /// The name the line is about: the missing variable.
        var name: String? = nil
    }

    /// Where a connection went: a host name or IP, and a port.
    struct Address: Sendable, Hashable {
        let host: String?
        let port: Int?
    }

    /// The first recognisable cause, by the order of `recognisers`: the most specific first.
    static func recognise(lines: [String], exitCode: Int?, signal: Int?) -> Match? {
        for recogniser in recognisers {
            if let match = recogniser(lines) { return match }
        }
        return exit(code: exitCode, signal: signal)
    }

    private static let recognisers: [@Sendable ([String]) -> Match?] = [database, missingVariable, portInUse, moduleNotFound, permissionDenied, traceback]

    // MARK: Log shapes

    private static let databaseWords = ["postgres", "psycopg", "sqlalchemy", "asyncpg", "database", "mysql", "mariadb", "mongo", "5432", "3306", "27017"]
    private static let connectionFailures = ["connection refused", "could not connect", "connection failed", "could not translate host name",
                                             "name or service not known", "no route to host", "connection timed out", "econnrefused",
                                             "is the server running", "operationalerror", "failed to connect"]

    static func database(_ lines: [String]) -> Match? {
        let hits = lines.filter { line in
            let lower = line.lowercased()
            return connectionFailures.contains { lower.contains($0) } && databaseWords.contains { lower.contains($0) }
        }
        guard let line = hits.first(where: { address(in: $0) != nil }) ?? hits.first else { return nil }
        let target = address(in: line)
        let place = target.map { address in
            [address.host.map { "\($0)" }, address.port.map { "port \($0)" }].compactMap { $0 }.joined(separator: ", ")
        }.map { " (\($0))" } ?? ""
        return Match(cause: Cause(.databaseUnreachable, "The app cannot connect to its database\(place) and exits."),
                     line: line, address: target)
    }

    private static func missingVariable(_ lines: [String]) -> Match? {
        let patterns = [#"KeyError: '([A-Z][A-Z0-9_]+)'"#, #"environment variable ['"]?([A-Z][A-Z0-9_]+)['"]? (?:is )?(?:not set|missing|required|undefined)"#,
                        #"(?:missing|required) (?:environment variable|env var)[: ]+['"]?([A-Z][A-Z0-9_]+)"#, #"([A-Z][A-Z0-9_]+)\s+Field required"#]
        for line in lines.reversed() {
            for pattern in patterns {
                guard let regex = try? Regex(pattern), let match = line.firstMatch(of: regex.ignoresCase()),
                      let name = match.output[1].substring.map(String.init) else { continue }
                return Match(cause: Cause(.missingEnvironmentVariable, "The app reads the environment variable \(name), which is not set, and exits."),
                             line: line, address: nil, name: name)
            }
        }
        return nil
    }

    private static func portInUse(_ lines: [String]) -> Match? {
        guard let line = lines.last(where: { line in
            let lower = line.lowercased()
            return lower.contains("address already in use") || lower.contains("eaddrinuse") || lower.contains("[errno 98]")
        }) else { return nil }
        let port = line.firstMatch(of: #/:(\d{2,5})\b/#).flatMap { Int($0.output.1) }
        return Match(cause: Cause(.portInUse, "The port the app listens on\(port.map { " (\($0))" } ?? "") is already taken, so it cannot start."),
                     line: line, address: nil)
    }

    private static func moduleNotFound(_ lines: [String]) -> Match? {
        guard let line = lines.last(where: { line in
            line.contains("Cannot find module") || line.contains("ModuleNotFoundError") || line.contains("MODULE_NOT_FOUND")
                || line.contains("No module named")
        }) else { return nil }
        return Match(cause: Cause(.moduleNotFound, "The app loads a module or file that is not in the image; the image is probably built wrong."),
                     line: line, address: nil)
    }

    private static func permissionDenied(_ lines: [String]) -> Match? {
        guard let line = lines.last(where: { line in
            let lower = line.lowercased()
            return lower.contains("permission denied") || lower.contains("invalid permissions") || lower.contains("eacces")
                || lower.contains("[errno 13]") || lower.contains("operation not permitted")
        }) else { return nil }
        return Match(cause: Cause(.permissionDenied, "The app may not use a file or directory it needs (check the volume's ownership and the pod's securityContext)."),
                     line: line, address: nil)
    }

    private static func traceback(_ lines: [String]) -> Match? {
        guard let start = lines.lastIndex(where: { $0.hasPrefix("Traceback (most recent call last)") }) else { return nil }
        let exception = lines[start...].last { $0.firstMatch(of: #/^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b/#) != nil }
        let what = exception.map { ": \(ClusterText.clip($0, limit: 160))" } ?? ""
        return Match(cause: Cause(.pythonTraceback, "The app stops with a Python exception\(what)."), line: exception ?? lines[start], address: nil)
    }

    // MARK: Exit codes

    private static func exit(code: Int?, signal: Int?) -> Match? {
        switch (code, signal) {
        case (127, _): Match(cause: Cause(.commandNotFound, "The container's command is not in the image (exit code 127)."), line: nil, address: nil)
        case (126, _): Match(cause: Cause(.commandNotExecutable, "The container's command cannot be executed (exit code 126)."), line: nil, address: nil)
        case (139, _), (_, 11): Match(cause: Cause(.segmentationFault, "The process crashed on a bad memory access (SIGSEGV, exit code 139)."), line: nil, address: nil)
        case (137, _), (_, 9): Match(cause: Cause(.killed, "The process was killed (SIGKILL, exit code 137), not for memory: a failed liveness probe or an eviction."), line: nil, address: nil)
        default: nil
        }
    }

    // MARK: Addresses

    /// `server at "10.96.0.12", port 5432`, `todo-chatbot-postgres:5432`, `host "db" … port 5432`.
    static func address(in line: String) -> Address? {
        if let match = line.firstMatch(of: #/server at "([^"]+)"(?: \([^)]*\))?, port (\d+)/#) {
            return Address(host: String(match.output.1), port: Int(match.output.2))
        }
        // A host name starts with a letter, an IP has four parts; "13:59:01" is a time, not an address.
        if let match = line.firstMatch(of: #/(?:@|//|\s|"|^)([a-z][a-z0-9.-]*[a-z0-9]|\d{1,3}(?:\.\d{1,3}){3}):(\d{2,5})(?![\d:])/#) {
            return Address(host: String(match.output.1), port: Int(match.output.2))
        }
        if let match = line.firstMatch(of: #/host name "([^"]+)"/#) { return Address(host: String(match.output.1), port: nil) }
        if let match = line.firstMatch(of: #/port (\d{2,5})\b/#) { return Address(host: nil, port: Int(match.output.1)) }
        return nil
    }
}

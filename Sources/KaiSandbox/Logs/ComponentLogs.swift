import Foundation

/// What the todo stack's software writes: uvicorn/FastAPI for the backend, Next.js for the
/// frontend, PostgreSQL for the database, anything else a generic app. Lines are derived from
/// the pod's name and the clock, so the same request gives the same answer.
enum ComponentLogs {
    static func lines(for run: ContainerRun, until end: Date) -> [LogLine] {
        let start = run.startDate
        guard end >= start else { return [] }
        var lines = startup(run, at: start)
        if let fault = run.fault, fault.crashes(component: run.component) {
            // A crashing container writes its startup and its last words as it ends (about a second in while it runs).
            let crashAt = run.ended.flatMap(Timestamp.parse) ?? start.addingTimeInterval(1)
            let appended = injected(run, from: start.addingTimeInterval(0.06), before: min(crashAt, end))
            guard crashAt <= end else { return (lines + appended).filter { $0.time <= end }.sorted { $0.time < $1.time } }
            return (Array(lines.prefix(2)) + appended).sorted { $0.time < $1.time } + CrashLogs.lines(for: run, fault: fault, at: crashAt)
        }
        lines += injected(run, from: start.addingTimeInterval(0.31), before: end)
        let interval: TimeInterval = run.component == "postgres" ? 300 : 10
        var tick = 1
        while true {
            let time = start.addingTimeInterval(Double(tick) * interval)
            guard time <= end else { break }
            lines.append(LogLine(time: time, text: periodic(run, tick: tick, at: time)))
            tick += 1
        }
        return lines.sorted { $0.time < $1.time }
    }

    /// The appended lines this run writes: those appended before it started right after its
    /// startup (from `after`), the rest when they were appended, up to `end`.
    private static func injected(_ run: ContainerRun, from after: Date, before end: Date) -> [LogLine] {
        let start = run.startDate
        return run.injected.enumerated().compactMap { index, line in
            let time = line.time < start ? after.addingTimeInterval(Double(index) * 0.001) : line.time
            return time <= end ? LogLine(time: time, text: line.text) : nil
        }
    }

    private static func startup(_ run: ContainerRun, at start: Date) -> [LogLine] {
        let texts: [String]
        switch run.component {
        case "backend":
            texts = ["INFO:     Started server process [1]", "INFO:     Waiting for application startup.",
                     "\(python(start)) INFO [app.db] connected to postgresql://todo@todo-chatbot-postgres:5432/todo",
                     "INFO:     Application startup complete.",
                     "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)"]
        case "frontend":
            texts = ["  \u{25B2} Next.js 14.2.5", "  - Local:        http://localhost:3000", "  - Network:      http://0.0.0.0:3000", "",
                     " \u{2713} Starting...", " \u{2713} Ready in 412ms"]
        case "postgres":
            texts = ["\(postgres(start)) [1] LOG:  starting PostgreSQL 16.4 on x86_64-pc-linux-musl, compiled by gcc (Alpine 13.2.1_git20240309) 13.2.1 20240309, 64-bit",
                     "\(postgres(start)) [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432",
                     "\(postgres(start)) [1] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"",
                     "\(postgres(start)) [24] LOG:  database system was shut down at \(postgres(start.addingTimeInterval(-60)))",
                     "\(postgres(start)) [1] LOG:  database system is ready to accept connections"]
        default:
            texts = ["starting \(run.container)", "listening"]
        }
        return texts.enumerated().map { LogLine(time: start.addingTimeInterval(Double($0.offset) * 0.05), text: $0.element) }
    }

    private static func periodic(_ run: ContainerRun, tick: Int, at time: Date) -> String {
        let seed = stableHash("\(run.podName)#\(tick)")
        if run.fault == .readiness || (run.fault == .dbDown && run.component == "postgres") {
            return failingProbe(run, seed: seed, at: time)
        }
        switch run.component {
        case "backend":
            let client = "10.244.0.\(seed % 200 + 2):\(40_000 + seed % 20_000)"
            let requests = ["\"GET /health HTTP/1.1\" 200 OK", "\"GET /api/tasks HTTP/1.1\" 200 OK", "\"POST /api/chat HTTP/1.1\" 200 OK",
                            "\"PATCH /api/tasks/\(seed % 90 + 1) HTTP/1.1\" 200 OK", "\"GET /health HTTP/1.1\" 200 OK"]
            return "INFO:     \(client) - \(requests[seed % requests.count])"
        case "frontend":
            let paths = ["GET / 200 in 38ms", "GET /tasks 200 in 52ms", "GET /api/auth/session 200 in 12ms", "GET /chat 200 in 61ms"]
            return " \(paths[seed % paths.count])"
        case "postgres":
            return "\(postgres(time)) [\(27 + seed % 10)] LOG:  checkpoint complete: wrote \(seed % 40 + 1) buffers (0.\(seed % 9)%); 0 WAL file(s) added, 0 removed, 0 recycled"
        default:
            return "\(run.container) heartbeat \(tick)"
        }
    }

    private static func failingProbe(_ run: ContainerRun, seed: Int, at time: Date) -> String {
        switch run.component {
        case "backend":
            return "INFO:     10.244.0.1:\(40_000 + seed % 20_000) - \"GET /health HTTP/1.1\" 503 Service Unavailable"
        case "postgres":
            return "\(postgres(time)) [\(27 + seed % 10)] FATAL:  the database system is not yet accepting connections"
        case "frontend":
            return " \u{2A2F} Error: upstream http://todo-chatbot-backend:8000 is not responding (ECONNREFUSED)"
        default:
            return "\(run.container) health check failed"
        }
    }

    /// "2026-11-25 03:13:00,123" as Python's logging writes it.
    static func python(_ date: Date) -> String {
        let text = date.formatted(.iso8601.year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        return text.replacingOccurrences(of: "+0000", with: "").replacingOccurrences(of: "Z", with: "").replacingOccurrences(of: ".", with: ",")
    }

    /// "2026-11-25 03:13:00.123 UTC" as PostgreSQL writes it.
    static func postgres(_ date: Date) -> String {
        let text = date.formatted(.iso8601.year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        return text.replacingOccurrences(of: "+0000", with: "").replacingOccurrences(of: "Z", with: "") + " UTC"
    }

    static func stableHash(_ text: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % 1_000_003)
    }
}

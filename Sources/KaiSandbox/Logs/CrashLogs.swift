import Foundation

/// What each component writes as it dies: the traceback, the fatal error, or nothing at all
/// when the kernel kills it for memory.
enum CrashLogs {
    static func lines(for run: ContainerRun, fault: Fault, at time: Date) -> [LogLine] {
        let texts: [String]
        switch (fault, run.component) {
        case (.oom, _):
            texts = []
        case (.dbDown, _):
            texts = databaseRefused(time)
        case (_, "backend"):
            texts = missingVariable(time)
        case (_, "frontend"):
            texts = [" \u{2A2F} Error: Cannot find module '/app/.next/server/app/page.js'",
                     "    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)",
                     "    at Module._load (node:internal/modules/cjs/loader:986:27)",
                     "    at Object.<anonymous> (/app/server.js:12:1) {",
                     "  code: 'MODULE_NOT_FOUND',", "  requireStack: []", "}", "Node.js v20.18.0"]
        case (_, "postgres"):
            texts = ["\(ComponentLogs.postgres(time)) [1] FATAL:  data directory \"/var/lib/postgresql/data\" has invalid permissions",
                     "\(ComponentLogs.postgres(time)) [1] DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750)."]
        default:
            texts = ["fatal: \(run.container) exited with status 1"]
        }
        return texts.enumerated().map { LogLine(time: time.addingTimeInterval(Double($0.offset) * 0.001), text: $0.element) }
    }

    private static func missingVariable(_ time: Date) -> [String] {
        ["Traceback (most recent call last):",
         "  File \"/usr/local/bin/uvicorn\", line 8, in <module>",
         "    sys.exit(main())",
         "  File \"/usr/local/lib/python3.12/site-packages/uvicorn/importer.py\", line 19, in import_from_string",
         "    module = importlib.import_module(module_str)",
         "  File \"/app/app/main.py\", line 9, in <module>",
         "    from app.config import settings",
         "  File \"/app/app/config.py\", line 14, in <module>",
         "    BETTER_AUTH_SECRET = os.environ[\"BETTER_AUTH_SECRET\"]",
         "  File \"<frozen os>\", line 714, in __getitem__",
         "KeyError: 'BETTER_AUTH_SECRET'"]
    }

    private static func databaseRefused(_ time: Date) -> [String] {
        ["\(ComponentLogs.python(time)) ERROR [app.db] could not connect to the database, giving up",
         "Traceback (most recent call last):",
         "  File \"/app/app/main.py\", line 21, in lifespan",
         "    await database.connect()",
         "  File \"/usr/local/lib/python3.12/site-packages/sqlalchemy/ext/asyncio/engine.py\", line 1037, in connect",
         "    raise exc.OperationalError(statement, params, orig)",
         "sqlalchemy.exc.OperationalError: (psycopg.OperationalError) connection failed: connection to server at \"10.96.0.12\", port 5432 failed: Connection refused",
         "\tIs the server running on that host and accepting TCP/IP connections?",
         "ERROR:    Application startup failed. Exiting."]
    }
}

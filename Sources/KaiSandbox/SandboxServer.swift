import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import UnixSignals

/// The sandbox's Kubernetes API on 127.0.0.1: an ``ObjectStore``, its controllers, and an
/// HTTP server real clients (kubectl, Helm) talk to.
///
/// ```swift
/// let sandbox = try await SandboxServer.seeded()
/// let running = try await sandbox.start(port: 0)
/// print("serving at \(running.url)")
/// await running.stop()
/// ```
public struct SandboxServer: Sendable {
    public let store: ObjectStore
    public let faults: FaultBook
    /// Lines appended to components' logs.
    public let logLines: LogBook
    /// The API requests served, for tests and benchmarks (`GET /kai-sandbox/v1/requests`).
    public let tally = RequestTally()
    public let controllers: Controllers
    /// Issues and checks the service account tokens this sandbox accepts.
    public let tokens: ServiceAccountTokens
    /// The authorization decisions for every identity but the administrator's.
    public let audit: AuditTrail

    /// A sandbox over `store` with `faults` and `logLines`; `tick` is how often the controllers reconcile.
    public init(store: ObjectStore, faults: FaultBook = FaultBook(), logLines: LogBook = LogBook(), timing: KubeletTiming = KubeletTiming(),
                tick: Duration = .milliseconds(200)) {
        self.store = store
        self.faults = faults
        self.logLines = logLines
        self.controllers = Controllers(store: store, faults: faults, timing: timing, tick: tick)
        self.tokens = ServiceAccountTokens()
        self.audit = AuditTrail()
    }

    /// A sandbox holding the todo-chatbot stack, or only the default and kube-system namespaces
    /// and a node when `empty`, with `faults` (component -> fault) in force from the start and
    /// `logLines` (component -> texts) in its components' logs; watches resume from the last
    /// `watchHistory` changes.
    public static func seeded(empty: Bool = false, faults: [String: Fault] = [:], logLines: [String: [String]] = [:],
                              timing: KubeletTiming = KubeletTiming(), tick: Duration = .milliseconds(200),
                              watchHistory: Int = 20_000) async throws -> SandboxServer {
        let store = ObjectStore(historyLimit: watchHistory)
        try await SeedObjects.install(into: store, stack: !empty)
        let book = FaultBook()
        for (component, fault) in faults {
            try await FaultInjector(store: store, faults: book).inject(fault, into: component, running: false)
        }
        return SandboxServer(store: store, faults: book, logLines: LogBook(logLines), timing: timing, tick: tick)
    }

    /// Serves on 127.0.0.1:`port` (0 picks a free port) until SIGINT or SIGTERM, then shuts
    /// down gracefully: open watches end and in-flight requests finish. `onReady` gets the
    /// base URL once the port is bound; if it throws, the sandbox stops and the error is rethrown.
    /// With `tls`, serves HTTPS and requires a client certificate, as ``start(port:tls:)`` does.
    public func run(port: Int, tls: SandboxCertificates? = nil, onReady: @Sendable (URL) async throws -> Void) async throws {
        // Trapped before serving, so a Ctrl-C that comes early is not lost.
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let running = try await start(port: port, tls: tls)
        do {
            try await onReady(running.url)
        } catch {
            await running.stop()
            throw error
        }
        for await _ in signals { break }
        await running.stop()
    }

    /// Starts serving on 127.0.0.1:`port` in the background and returns once the port is bound;
    /// the in-process form used by `kai --sandbox` and by tests.
    ///
    /// Plain HTTP unless `tls` is given; then HTTPS with its server certificate, and only
    /// clients presenting a certificate signed by its CA get past the handshake.
    /// ```swift
    /// let running = try await sandbox.start(port: 0, tls: try SandboxCertificates.generate())
    /// ```
    public func start(port: Int = 0, tls: SandboxCertificates? = nil) async throws -> RunningSandbox {
        let server = try tls?.serverBuilder() ?? .http1()
        let scheme = tls == nil ? "http" : "https"
        let (ready, readyContinuation) = AsyncStream<URL>.makeStream()
        let application = application(port: port, server: server, scheme: scheme) { readyContinuation.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [application], logger: Self.logger))
        let task = Task {
            defer { readyContinuation.finish() }
            try await group.run()
        }
        var iterator = ready.makeAsyncIterator()
        guard let url = await iterator.next() else {
            try await task.value
            throw SandboxStartError(port: port)
        }
        return RunningSandbox(url: url, group: group, task: task)
    }

    private func application(port: Int, server: HTTPServerBuilder, scheme: String,
                             onReady: @escaping @Sendable (URL) async -> Void) -> some Service {
        let responder = CountingResponder(next: APIResponder(store: store, faults: faults, logs: LogSource(faults: faults, book: logLines, now: { Date() }),
                                                             tokens: tokens, audit: audit, secure: scheme == "https"),
                                          tally: tally)
        return Application(
            responder: responder,
            server: server,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "kai-sandbox"),
            services: [controllers],
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                if let url = URL(string: "\(scheme)://127.0.0.1:\(bound)") { await onReady(url) }
            },
            logger: Self.logger
        )
    }

    /// Failures to bind or serve are thrown; what the server logs beyond them is shutdown noise.
    private static let logger: Logger = {
        var logger = Logger(label: "kai.sandbox")
        logger.logLevel = .critical
        return logger
    }()
}

/// A sandbox serving in the background of this process.
public struct RunningSandbox: Sendable {
    /// The API's base URL, `http://127.0.0.1:PORT`, or `https://127.0.0.1:PORT` when serving TLS.
    public let url: URL
    let group: ServiceGroup
    let task: Task<Void, Error>

    /// Stops serving: watches end, in-flight requests finish, the controllers stop.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

/// The server stopped before its port was bound.
public struct SandboxStartError: Error, CustomStringConvertible {
    public let port: Int
    public var description: String { "the sandbox stopped before it could serve on 127.0.0.1:\(port)" }
}

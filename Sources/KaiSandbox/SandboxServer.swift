import Foundation
import Hummingbird
import Logging

/// The sandbox's Kubernetes API on 127.0.0.1: an ``ObjectStore``, its controllers, and an
/// HTTP server real clients (kubectl, Helm) talk to.
///
/// ```swift
/// let sandbox = try await SandboxServer.seeded()
/// try await sandbox.run(port: 0) { url in print("serving at \(url)") }
/// ```
public struct SandboxServer: Sendable {
    public let store: ObjectStore
    public let faults: FaultBook
    public let controllers: Controllers

    /// A sandbox over `store` with `faults`; `tick` is how often the controllers reconcile.
    public init(store: ObjectStore, faults: FaultBook = FaultBook(), timing: KubeletTiming = KubeletTiming(),
                tick: Duration = .milliseconds(200)) {
        self.store = store
        self.faults = faults
        self.controllers = Controllers(store: store, faults: faults, timing: timing, tick: tick)
    }

    /// A sandbox holding the todo-chatbot stack, or only the default and kube-system namespaces
    /// and a node when `empty`, with `faults` (component -> fault) in force from the start.
    public static func seeded(empty: Bool = false, faults: [String: Fault] = [:], timing: KubeletTiming = KubeletTiming(),
                              tick: Duration = .milliseconds(200)) async throws -> SandboxServer {
        let store = ObjectStore()
        try await SeedObjects.install(into: store, stack: !empty)
        let book = FaultBook()
        for (component, fault) in faults {
            try await FaultInjector(store: store, faults: book).inject(fault, into: component, running: false)
        }
        return SandboxServer(store: store, faults: book, timing: timing, tick: tick)
    }

    /// Serves on 127.0.0.1:`port` (0 picks a free port) until the task is cancelled or, with
    /// `handleSignals`, SIGINT/SIGTERM arrives. `onReady` gets the base URL once the port is bound.
    public func run(port: Int, handleSignals: Bool = false, onReady: @escaping @Sendable (URL) async -> Void) async throws {
        var logger = Logger(label: "kai.sandbox")
        // Failures to bind or serve are thrown; what the server logs beyond them is shutdown noise.
        logger.logLevel = .critical
        let responder = APIResponder(store: store, faults: faults, logs: LogSource(faults: faults, now: { Date() }))
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "kai-sandbox"),
            services: [controllers],
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                if let url = URL(string: "http://127.0.0.1:\(bound)") { await onReady(url) }
            },
            logger: logger
        )
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }
}

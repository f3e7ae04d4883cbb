import ArgumentParser
import Dispatch
import Foundation
import KaiTerminal
import Synchronization

/// SIGINT (Ctrl-C) and SIGTERM while kai works: they cancel the work in flight (a rollout
/// watch, a slow call) instead of ending the process on the spot, so that a change already
/// sent gets its outcome recorded before kai exits. At a REPL prompt Ctrl-C does nothing, as in
/// a shell, and SIGTERM ends the session at once (nothing is in flight to record).
final class Interrupts {
    private let inFlight = InFlight()
    private let sources: [any DispatchSourceSignal]

    /// Takes SIGINT and SIGTERM over from their defaults (which would end the process).
    init() {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [inFlight] in inFlight.received(number) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    deinit {
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
    }

    /// Runs `work` as the work in flight until it ends or a signal cancels it.
    /// The work counts as in flight from before its task starts, so a signal that arrives while the
    /// task is starting (its request may already be sent) cancels it rather than finding kai idle.
    func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T {
        let starting = StartingTask()
        inFlight.set { starting.cancel() }
        let task = Task { await work() }
        starting.started(task)
        let value = await task.value
        inFlight.set(nil)
        return value
    }

    /// The signal that stopped the last work, if one did; reading it forgets it.
    func takeSignal() -> Int32? { inFlight.takeSignal() }

    /// The exit status a process stopped by `signal` ends with, as a shell shows it: 130, 143.
    static func exitStatus(_ signal: Int32) -> Int32 { 128 + signal }

    /// Runs confirmed `work`; when it may change the cluster (`trapping`), SIGINT and SIGTERM stop it where it
    /// is instead of ending kai, so each change sent is recorded. Returns its value and the signal that stopped it.
    static func run<T: Sendable>(trapping: Bool, _ work: @escaping @Sendable () async -> T) async -> (value: T, signal: Int32?) {
        guard trapping else { return (await work(), nil) }
        let interrupts = Interrupts()
        let value = await interrupts.run(work)
        return (value, interrupts.takeSignal())
    }

    /// Says that `signal` stopped the work and where what was sent is recorded; the exit code to end with.
    static func stopped(by signal: Int32, auditPath: String) -> ExitCode {
        Console.error("Stopped by \(signal == SIGTERM ? "SIGTERM" : "SIGINT"); what was sent is recorded in \(auditPath).\n")
        return ExitCode(exitStatus(signal))
    }

    /// A task that may be cancelled before it exists: a cancellation asked for first is applied when it starts.
    private final class StartingTask: Sendable {
        private let state = Mutex<(cancel: (@Sendable () -> Void)?, cancelled: Bool)>((nil, false))

        func started<T: Sendable>(_ task: Task<T, Never>) {
            let cancelled = state.withLock { state -> Bool in
                state.cancel = { task.cancel() }
                return state.cancelled
            }
            if cancelled { task.cancel() }
        }

        func cancel() {
            let cancel = state.withLock { state -> (@Sendable () -> Void)? in
                state.cancelled = true
                return state.cancel
            }
            cancel?()
        }
    }

    /// The work running now and the last signal, shared with the signal handler.
    private final class InFlight: Sendable {
        private let state = Mutex<(cancel: (@Sendable () -> Void)?, signal: Int32?)>((nil, nil))

        func set(_ cancel: (@Sendable () -> Void)?) { state.withLock { $0.cancel = cancel } }

        func received(_ number: Int32) {
            let idle = state.withLock { state -> Bool in
                state.signal = number
                state.cancel?()
                return state.cancel == nil
            }
            if idle, number == SIGTERM { exit(Interrupts.exitStatus(number)) }
        }

        func takeSignal() -> Int32? {
            state.withLock { state in
                defer { state.signal = nil }
                return state.signal
            }
        }
    }
}

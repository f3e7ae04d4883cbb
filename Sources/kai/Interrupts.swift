import Dispatch
import Foundation
import Synchronization

/// Ctrl-C in the REPL: cancels the request in flight (a rollout watch, a slow call) and leaves
/// the session running. At the prompt it does nothing, as in a shell.
final class Interrupts {
    private let inFlight = InFlight()
    private let source: any DispatchSourceSignal

    /// Takes SIGINT over from the default (which would end the process).
    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [inFlight] in inFlight.cancel() }
        source.resume()
    }

    /// Runs `work` as the request in flight until it ends or Ctrl-C cancels it.
    func run(_ work: @escaping @Sendable () async -> Void) async {
        let task = Task { await work() }
        inFlight.set(task)
        await task.value
        inFlight.set(nil)
    }

    /// The one request running now, shared with the signal handler.
    private final class InFlight: Sendable {
        private let task = Mutex<Task<Void, Never>?>(nil)

        func set(_ value: Task<Void, Never>?) { task.withLock { $0 = value } }
        func cancel() { task.withLock { $0?.cancel() } }
    }
}

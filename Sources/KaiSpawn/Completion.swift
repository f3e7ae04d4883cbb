import Synchronization

/// A value that arrives once (a child's exit, the end of one of its pipes), awaited by any number
/// of tasks, each for as long as it chooses.
///
/// Waiting does not end when the waiting task is cancelled: stopping a child must finish even
/// from a test that is being torn down.
final class Completion<Value: Sendable>: Sendable {
    private enum Waiter {
        case untilItArrives(CheckedContinuation<Value, Never>)
        case untilADeadline(CheckedContinuation<Value?, Never>)
    }

    private struct State {
        var value: Value?
        var waiters: [Int: Waiter] = [:]
        var nextWaiter = 0

        mutating func add(_ waiter: Waiter) -> Int {
            defer { nextWaiter += 1 }
            waiters[nextWaiter] = waiter
            return nextWaiter
        }
    }

    private let state = Mutex(State())

    /// The value, once it has arrived.
    var current: Value? { state.withLock { $0.value } }

    /// Hands `value` to every waiter; later calls are ignored.
    func complete(_ value: Value) {
        let waiters = state.withLock { state -> [Waiter] in
            guard state.value == nil else { return [] }
            state.value = value
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters {
            switch waiter {
            case let .untilItArrives(continuation): continuation.resume(returning: value)
            case let .untilADeadline(continuation): continuation.resume(returning: value)
            }
        }
    }

    /// The value, however long it takes.
    func value() async -> Value {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if let value = state.value {
                    continuation.resume(returning: value)
                } else {
                    _ = state.add(.untilItArrives(continuation))
                }
            }
        }
    }

    /// The value, or nil when `limit` passes first.
    func value(within limit: Duration) async -> Value? {
        await withCheckedContinuation { continuation in
            let waiter = state.withLock { state -> Int? in
                if let value = state.value {
                    continuation.resume(returning: value)
                    return nil
                }
                return state.add(.untilADeadline(continuation))
            }
            guard let waiter else { return }
            Task { [self] in
                try? await Task.sleep(for: limit)
                if case let .untilADeadline(continuation) = state.withLock({ $0.waiters.removeValue(forKey: waiter) }) {
                    continuation.resume(returning: nil)
                }
            }
        }
    }
}

import Foundation
import Synchronization

/// A child's process group, seen from its leader: how the leader ended, and signals to the group
/// that can never reach another process.
///
/// The leader is left unreaped after it exits, until ``release()``: while it is, no new process
/// can be given its ID, so a signal to the group goes to this group or to nobody.
final class ProcessGroup: Sendable {
    let leader: pid_t
    /// How the leader ended, once it has.
    let ended = Completion<Termination>()

    private struct State {
        var exited = false
        var released = false
        var reaped = false
    }

    private let state = Mutex(State())

    init(leader: pid_t) {
        self.leader = leader
        Blocking.run { [self] in
            let termination = Blocking.waitForExit(leader)
            state.withLock { state in
                state.exited = true
                if state.released { reap(&state) }
            }
            ended.complete(termination)
        }
    }

    /// Sends `signal` to every process in the group (none when it has none left).
    func signal(_ signal: Int32) {
        state.withLock { state in
            if !state.reaped { _ = kill(-leader, signal) }
        }
    }

    /// Lets the leader's ID go, once it has exited: no signal is sent to the group after this.
    func release() {
        state.withLock { state in
            state.released = true
            if state.exited { reap(&state) }
        }
    }

    /// Nobody holds the child any more: a leader still running is killed with its group, so that
    /// a test that forgot (or failed before) stopping its server leaves nothing behind.
    func abandon() {
        state.withLock { state in
            if !state.exited, !state.released { _ = kill(-leader, SIGKILL) }
        }
        release()
    }

    private func reap(_ state: inout State) {
        guard !state.reaped else { return }
        Blocking.reap(leader)
        state.reaped = true
    }
}

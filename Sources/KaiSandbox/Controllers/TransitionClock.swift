import Foundation
import Synchronization

/// The exact moments behind the kubelet's timestamps.
///
/// Kubernetes writes status timestamps to the second, but the kubelet's timing (start, readiness,
/// crash and back-off delays) is finer than that: read back from the second alone, a step could
/// finish up to a second early. The clock remembers the moment behind each timestamp it wrote and
/// falls back to the written second for any it did not write (seeded or client-written objects).
final class TransitionClock: Sendable {
    private let moments = Mutex<[String: Date]>([:])

    /// `date` as Kubernetes writes it, remembered exactly under `key` (pod UID and field).
    func stamp(_ date: Date, key: String) -> String {
        moments.withLock { $0[key] = date }
        return Timestamp.format(date)
    }

    /// The moment `text` stands for: the exact one when this clock wrote it under `key`, else the written second.
    func moment(of text: String?, key: String) -> Date? {
        guard let text, let written = Timestamp.parse(text) else { return nil }
        guard let exact = moments.withLock({ $0[key] }), Timestamp.format(exact) == text else { return written }
        return exact
    }

    /// Forgets the moments of pods that no longer exist.
    func retain(podUIDs: Set<String>) {
        moments.withLock { moments in
            moments = moments.filter { key, _ in podUIDs.contains(String(key.prefix { $0 != "/" })) }
        }
    }
}

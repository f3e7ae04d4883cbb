import KaiCore
import KaiDiagnosis
import KaiExecutor
import Synchronization

/// The fixes the last diagnosis in the REPL suggested, for `/fix N`. Shared with the request
/// task that runs the diagnosis, so behind a lock.
final class SuggestedFixes: Sendable {
    private let fixes = Mutex<[FixSuggestion]>([])

    /// Keeps the fixes of the diagnoses and resource recommendations in `report`, if it has any;
    /// other requests leave them.
    func remember(_ report: ExecutionReport) {
        let offered = report.results.compactMap { result -> [FixSuggestion]? in result.diagnosis?.fixes ?? result.resources?.fixes }
        guard !offered.isEmpty else { return }
        fixes.withLock { $0 = offered.flatMap { $0 } }
    }

    /// All of them, numbered from 1 in the order the diagnosis showed them.
    var all: [FixSuggestion] { fixes.withLock { $0 } }
}

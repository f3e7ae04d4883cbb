import KaiCore
import KaiInterpreter
import KaiPlanning
import KaiTestSupport
import Testing

/// What a model is offered for the corpora's requests: the shortlist leaves out the changes a request
/// does not ask for, and must never leave out one it does (a constrained local model could not plan it).
@Suite("The tools a model is offered, over the corpora")
struct ShortlistCorpusTests {
    private static let planner = Planner(snapshot: OutsideWorld.snapshot(), policy: OutsideWorld.policy)
    /// The corpora kai may be tuned on; the outside corpus's held-out part stays unread.
    private static let entries = Corpus.all() + Corpus.load(Corpus.outsideFile)

    @Test func everyChangeARequestAsksForIsOffered() {
        var withheld: [String] = []
        var offeredEverything: [String] = []
        for entry in Self.entries {
            guard case .steps(let steps) = entry.outcome else { continue }
            let cues = RequestCues(entry.request, vocabulary: Self.planner.vocabulary)
            let offered = cues.shortlist(of: OperationName.allCases)
            if offered == OperationName.allCases { offeredEverything.append(entry.request) }
            let missing = steps.compactMap { OperationName(rawValue: $0.op) }.filter { $0.isChange && !offered.contains($0) }
            if !missing.isEmpty { withheld.append("\(entry.request): \(missing.map(\.rawValue))") }
        }
        print("shortlist over \(Self.entries.count) requests: every tool offered at first for \(offeredEverything.count):")
        for request in offeredEverything { print("  \(request)") }
        #expect(withheld.isEmpty, "changes asked for but not offered:\n\(withheld.joined(separator: "\n"))")
    }
}

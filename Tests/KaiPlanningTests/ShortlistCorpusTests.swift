import Foundation
import KaiCore
import KaiInterpreter
@testable import KaiPlanning
import KaiSandbox
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

    /// A first request stays within a small model's budget, about 1,000 tokens (4,000 characters at four a
    /// token, as `scripts/bench-prompt` counts them): the rules with every tool named, the tools offered as the
    /// OpenAI wire format sends them, the embedded sandbox's summary and the request. A request that asks for
    /// a change nothing in it names is offered every tool and is not counted. At most one in twenty goes past
    /// the budget (one that names another namespace gives every tool a `namespace`; two changes, a long
    /// request), and none past 4,500 characters.
    @Test func aFirstRequestFitsASmallModelsBudget() throws {
        let snapshot = TodoStackSeed.snapshot()
        let planner = Planner(snapshot: snapshot, policy: .defaults)
        let system = Prompts.builtIn.systemPrompt(namespace: snapshot.namespace, maxRounds: 3, tools: OperationName.allCases)
        let summary = ClusterSummary.text(snapshot, warnings: [])
        var sizes: [(request: String, characters: Int)] = []
        for entry in Self.entries {
            let cues = RequestCues(entry.request, vocabulary: planner.vocabulary)
            let offered = cues.shortlist(of: OperationName.allCases)
            guard offered != OperationName.allCases else { continue }
            let tools = JSON.array(ToolCatalog.definitions(for: offered, detail: .compact(cues)).map { tool in
                ["type": "function", "function": ["name": .string(tool.name), "parameters": tool.parameters]]
            })
            let toolsText = String(decoding: try JSONEncoder().encode(tools), as: UTF8.self)
            sizes.append((entry.request, system.count + toolsText.count + ModelPlanner.firstMessage(entry.request, summary: summary, cues: cues).count))
        }
        let over = sizes.filter { $0.characters > 4_000 }
        print("first requests measured: \(sizes.count); past 4,000 characters: \(over.count), the largest \(sizes.map(\.characters).max() ?? 0)")
        for size in over { print("  \(size.characters): \(size.request)") }
        #expect(over.count * 20 <= sizes.count)
        #expect(!over.contains { $0.characters > 4_500 })
    }
}

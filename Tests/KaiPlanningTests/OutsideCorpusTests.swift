import Foundation
import KaiPlanning
import KaiTestSupport
import Testing

/// The outside corpus: requests written from public sources (benchmark prompts, tool READMEs,
/// issue trackers, Q&A titles) in classes, with a held-out part nobody tuned the grammar on.
@Suite("Requests written outside the team")
struct OutsideCorpusTests {
    private static let planner = Planner(snapshot: OutsideWorld.snapshot(), policy: OutsideWorld.policy)
    private static let tuning = Corpus.load(Corpus.outsideFile)
    private static let heldOut = Corpus.load(Corpus.outsideHeldOutFile)

    @Test(arguments: (tuning + heldOut).filter { $0.category == "mention" })
    func aRequestThatOnlyMentionsAChangePlansNone(_ entry: CorpusEntry) {
        guard case .steps(let steps) = observe(Self.planner, entry.request) else { return }
        let changes = steps.filter { $0.risk != "read" }
        #expect(changes.isEmpty, "\(entry.request) planned \(changes)")
    }

    @Test(arguments: [("tuning", tuning, 0.80), ("held-out", heldOut, 0.75)])
    func mostRequestsArePlannedRight(_ part: String, _ entries: [CorpusEntry], _ floor: Double) {
        let scores = OutsideScore(entries) { observe(Self.planner, $0.request) }
        print("outside corpus, \(part): \(scores.table)")
        // The held-out part's misses stay unprinted: reading them would make it a tuning set.
        if part == "tuning" { for miss in scores.misses { print("  miss [\(miss.entry.category ?? "?")] \(miss.entry.request): \(miss.why)") } }
        #expect(scores.share >= floor, "\(part): \(scores.right) of \(scores.total) right")
    }
}

@Suite("Names across namespaces, and going ahead with what was asked about")
struct NamespaceUnderstandingTests {
    private let planner = Planner(snapshot: OutsideWorld.snapshot(), policy: OutsideWorld.policy)

    @Test func aNameHereAndAnObjectElsewhereIsAskedAboutNotGuessed() {
        guard case .error(let message) = observe(planner, "restart the web app") else {
            Issue.record("\"restart the web app\" should be unsure: web is the frontend here, web-app is in shop")
            return
        }
        #expect(message.contains("todo-chatbot-frontend") && message.contains("shop"), "\(message)")
    }

    @Test func aPlainNameActsInTheOneAllowedNamespaceThatHasItAndItKeepsIt() throws {
        guard case .steps(let steps) = observe(planner, "scale web-app to 3 and check its rollout") else {
            Issue.record("expected steps")
            return
        }
        #expect(steps.map(\.op) == ["scale", "rolloutStatus"])
        #expect(steps.allSatisfy { $0.target == "web-app" && $0.arguments["namespace"] == .string("shop") })
    }

    @Test func goingAheadAfterAskingHowPlansThatChange() {
        guard case .steps(let steps) = observe(planner, "How do I upgrade the db image to postgres:17-alpine? just do it for me") else {
            Issue.record("expected steps")
            return
        }
        #expect(steps.map(\.op) == ["setImage"])
        guard case .steps(let none) = observe(planner, "How do I upgrade the db image to postgres:17-alpine?") else { return }
        #expect(none.allSatisfy { $0.risk == "read" })
    }
}

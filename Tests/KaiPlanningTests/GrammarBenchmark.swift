import Foundation
import KaiInterpreter
import KaiPlanning
import KaiTestSupport
import Testing

/// The grammar's time per request, for `scripts/bench-grammar`; it runs only when KAI_BENCH is set,
/// prints its figures and asserts nothing about time.
@Suite("Grammar benchmark", .enabled(if: ProcessInfo.processInfo.environment["KAI_BENCH"] != nil))
struct GrammarBenchmark {
    @Test func timePerRequestOverTheOutsideCorpus() {
        let requests = (Corpus.load(Corpus.outsideFile) + Corpus.load(Corpus.outsideHeldOutFile)).map(\.request)
        let planner = Planner(snapshot: OutsideWorld.snapshot(), policy: OutsideWorld.policy)
        let vocabulary = planner.vocabulary
        let rounds = 20
        var grammar: [Duration] = []
        var planning: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<rounds {
            for request in requests {
                grammar.append(clock.measure { _ = try? LocalGrammar().interpret(request, vocabulary: vocabulary) })
                planning.append(clock.measure { _ = try? planner.plan(request) })
            }
        }
        print("grammar benchmark: \(requests.count) requests x \(rounds) rounds; "
              + "grammar \(Self.figures(grammar)); grammar + vocabulary + resolver + policy \(Self.figures(planning))")
    }

    private static func figures(_ samples: [Duration]) -> String {
        let micros = samples.map { Double($0.components.attoseconds) / 1e12 + Double($0.components.seconds) * 1e6 }.sorted()
        let median = micros[micros.count / 2]
        let p99 = micros[min(micros.count - 1, micros.count * 99 / 100)]
        return String(format: "median %.0f µs, 99th percentile %.0f µs, slowest %.0f µs", median, p99, micros.last ?? 0)
    }
}

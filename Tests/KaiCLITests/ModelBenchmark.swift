import Foundation
import KaiCore
import KaiTestSupport
import Testing

/// The request corpus through `kai plan --interpreter model|auto` against a real model server, for
/// `scripts/bench-model`, which starts the server and sets `KAI_BENCH_MODEL_URL`. Without that
/// variable the suite does not run (CI keeps only the SmolLM2 test). It writes a Markdown table:
/// right/total per class of request, median and slowest seconds in the model, tokens sent; and then,
/// for each interpreter and tool mode, every wrong request with what was expected and what kai planned.
@Suite("Real-model benchmark", .serialized, .enabled(if: ModelBenchmarkSettings.current != nil))
struct ModelBenchmark {
    /// The shared corpus first, then an even sample of our phrasings up to `count`; requests naming a
    /// seeded pod by its generated name are left out (a live sandbox names its pods itself).
    static func entries(count: Int, corpus: String) -> [CorpusEntry] {
        let usable = { (entry: CorpusEntry) in entry.request.range(of: #"-[a-z0-9]{10}-[a-z0-9]{5}"#, options: .regularExpression) == nil }
        if corpus == "outside-heldout" { return Array(outsideHeldOut().filter(usable).prefix(count)) }
        let shared = (Corpus.hasShared ? Corpus.load(Corpus.sharedFile) : []).filter(usable)
        let phrasings = (Corpus.load(Corpus.phrasingsFile) + Corpus.load(Corpus.heldOutFile)).filter(usable)
        let wanted = max(0, count - shared.count)
        guard wanted > 0, !phrasings.isEmpty else { return Array(shared.prefix(count)) }
        let stride = max(1, phrasings.count / wanted)
        return shared + Swift.stride(from: 0, to: phrasings.count, by: stride).prefix(wanted).map { phrasings[$0] }
    }

    /// The held-out part of the outside corpus (written from public sources, never tuned on), less the
    /// requests about objects the embedded sandbox does not have (the shop namespace, the namespaces the
    /// outside world's policy forbids).
    static func outsideHeldOut() -> [CorpusEntry] {
        let elsewhere = ["shop", "web-app", "cart-api", "staging", "kube-system", "default"]
        return Corpus.load(Corpus.outsideHeldOutFile).filter { entry in
            let words = Set(entry.request.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init))
            return words.isDisjoint(with: elsewhere) && !entry.request.contains("--all-namespaces") && !entry.request.contains(" -A")
        }
    }

    /// The kind of request an entry is, for the table's columns.
    static func kind(_ entry: CorpusEntry) -> String {
        switch entry.outcome {
        case .steps(let steps): return steps.contains { OperationName(rawValue: $0.op)?.isChange == true } ? "change" : "read"
        case .refusal: return "refusal"
        case .error: return "unusable"
        case .noChange, .stepsOrNoChange: return "no change"
        }
    }

    /// One request's run: what kai planned, the seconds spent in the model, the tokens sent.
    struct Run {
        let outcome: ObservedOutcome
        let seconds: Double
        let tokensIn: Int?
    }

    func run(_ entry: CorpusEntry, interpreter: String, toolMode: String?, settings: ModelBenchmarkSettings) async throws -> Run {
        var arguments = [entry.request, "-o", "json", "--provider", "openai", "--base-url", settings.url, "--model", settings.model,
                         "--interpreter", interpreter]
        if let toolMode { arguments += ["--tool-mode", toolMode] }
        let started = ContinuousClock.now
        let result = try await KaiProcess.plan(arguments, environment: ["KAI_MODEL_TIMEOUT": "300", "OPENAI_API_KEY": "local"])
        let elapsed = ContinuousClock.now - started
        let document = try result.json()
        let model = document["model"] as? [String: Any]
        let seconds = model?["seconds"] as? Double ?? Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Run(outcome: ObservedOutcome(planDocument: document), seconds: seconds, tokensIn: model?["tokensIn"] as? Int)
    }

    @Test func theCorpusThroughARealModel() async throws {
        let settings = try #require(ModelBenchmarkSettings.current)
        let entries = Self.entries(count: settings.requests, corpus: settings.corpus)
        let kinds = ["change", "read", "refusal", "no change", "unusable"].filter { kind in entries.contains { Self.kind($0) == kind } }
        var rows = ["| interpreter | tool mode | right | " + kinds.joined(separator: " | ") + " | median s | slowest s | tokens in (median) |",
                    "|---|---|---|" + String(repeating: "---|", count: kinds.count) + "---|---|---|"]
        var failures: [String] = []
        for interpreter in settings.interpreters {
            for toolMode in settings.toolModes {
                var right: [String: (Int, Int)] = [:]
                var seconds: [Double] = []
                var tokens: [Int] = []
                var wrong: [String] = []
                for entry in entries {
                    let run = try await run(entry, interpreter: interpreter, toolMode: toolMode, settings: settings)
                    let kind = Self.kind(entry)
                    let correct = entry.mismatch(run.outcome) == nil
                    if !correct { wrong.append(Self.wrongLine(entry, run)) }
                    right[kind, default: (0, 0)].0 += correct ? 1 : 0
                    right[kind, default: (0, 0)].1 += 1
                    seconds.append(run.seconds)
                    if let sent = run.tokensIn, sent > 0 { tokens.append(sent) }
                }
                let total = right.values.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
                let percent = total.1 == 0 ? 0 : Int((Double(total.0) * 100 / Double(total.1)).rounded())
                let cells = kinds.map { "\(right[$0]?.0 ?? 0)/\(right[$0]?.1 ?? 0)" }
                rows.append("| \(interpreter) | \(toolMode ?? "default") | \(total.0)/\(total.1) (\(percent)%) | " + cells.joined(separator: " | ")
                            + " | \(Self.format(Self.median(seconds))) | \(Self.format(seconds.max() ?? 0)) | \(tokens.isEmpty ? "n/a" : String(Int(Self.median(tokens.map(Double.init)).rounded()))) |")
                print(rows.last ?? "")
                // The held-out part's misses stay unprinted: reading them would make it a tuning set.
                if !wrong.isEmpty, settings.corpus != "outside-heldout" {
                    failures.append("Wrong with --interpreter \(interpreter) --tool-mode \(toolMode ?? "default"):\n" + wrong.joined(separator: "\n"))
                }
            }
        }
        let table = rows.joined(separator: "\n") + "\n" + (failures.isEmpty ? "" : "\n" + failures.joined(separator: "\n\n") + "\n")
        print(table)
        if let output = settings.output { try table.write(toFile: output, atomically: true, encoding: .utf8) }
        #expect(rows.count == 2 + settings.interpreters.count * settings.toolModes.count)
    }

    /// One wrong request on one line: what was asked, what the corpus expects, what kai planned.
    static func wrongLine(_ entry: CorpusEntry, _ run: Run) -> String {
        let planned = run.outcome.description.replacingOccurrences(of: "\n", with: " ")
        return "- \"\(entry.request)\": expected \(entry.outcome); planned \(planned.count > 300 ? planned.prefix(300) + "…" : planned[...])"
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func format(_ seconds: Double) -> String { String(format: "%.1f", seconds) }
}

/// What the script asks for, from the environment.
struct ModelBenchmarkSettings {
    let url: String
    let model: String
    let interpreters: [String]
    /// `--tool-mode` values to try; empty for kai's default only.
    let toolModes: [String?]
    let requests: Int
    /// "project" (the shared corpus and our phrasings) or "outside-heldout".
    let corpus: String
    let output: String?

    /// The settings `scripts/bench-model` put in the environment; nil when it did not run this.
    static let current: ModelBenchmarkSettings? = {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["KAI_BENCH_MODEL_URL"], !url.isEmpty else { return nil }
        let words = { (name: String, fallback: String) in (environment[name] ?? fallback).split(separator: " ").map(String.init) }
        let modes = words("KAI_BENCH_TOOL_MODES", "")
        return ModelBenchmarkSettings(url: url, model: environment["KAI_BENCH_MODEL_NAME"] ?? "local",
                                      interpreters: words("KAI_BENCH_INTERPRETERS", "model auto"), toolModes: modes.isEmpty ? [nil] : modes,
                                      requests: Int(environment["KAI_BENCH_REQUESTS"] ?? "") ?? 70, corpus: environment["KAI_BENCH_CORPUS"] ?? "project",
                                      output: environment["KAI_BENCH_OUTPUT"])
    }()
}

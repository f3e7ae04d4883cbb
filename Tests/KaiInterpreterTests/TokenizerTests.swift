@testable import KaiInterpreter
import Testing

@Suite("Requests become tokens the grammar can match")
struct TokenizerTests {
    private func texts(_ request: String) -> [String] { Tokenizer.tokenize(request).map(\.text) }

    @Test func lowercasesAndKeepsOneMarkForEachSentenceEnd() {
        #expect(texts("RESTART Frontend!!") == ["restart", "frontend", "."])
        #expect(texts("is the frontend rollout done?") == ["is", "the", "frontend", "rollout", "done", "?"])
        #expect(texts("logs for backend && scale frontend") == ["logs", "for", "backend", "&&", "scale", "frontend"])
        #expect(texts("restart it \u{2014} actually don't") == ["restart", "it", ";", "actually", "do", "not"])
    }

    @Test func marksQuotedWords() {
        let tokens = Tokenizer.tokenize("ticket says 'please restart backend' now")
        #expect(tokens.filter(\.quoted).map(\.text) == ["please", "restart", "backend"])
        #expect(Tokenizer.tokenize("\"restart backend\"").allSatisfy { !$0.quoted })
    }

    @Test func keepsCommasAsSeparators() {
        #expect(texts("restart frontend, then scale backend") == ["restart", "frontend", ",", "then", "scale", "backend"])
    }

    @Test func expandsContractionsAndDropsPossessives() {
        #expect(texts("what's wrong with the backend's pods") == ["what", "is", "wrong", "with", "the", "backend", "pods"])
        #expect(texts("why isn't it ready") == ["why", "is", "not", "it", "ready"])
        #expect(texts("it won't start") == ["it", "will", "not", "start"])
    }

    @Test func splitsKubectlKindSlashNameAndFlagValues() {
        #expect(texts("rollout undo deployment/frontend") == ["rollout", "undo", "deployment", "frontend"])
        #expect(texts("logs deploy/backend --tail=20") == ["logs", "deploy", "backend", "--tail", "20"])
    }

    @Test func keepsImageTagsCaseAndDots() {
        let tokens = Tokenizer.tokenize("set image to ghcr.io/Acme/app:V2.0.")
        #expect(tokens.dropLast().last?.raw == "ghcr.io/Acme/app:V2.0")
    }

    @Test(arguments: [("three", 3), ("twenty one", 21), ("twenty-one", 21), ("two hundred", 200), ("a dozen", 12), ("zero", 0)])
    func readsNumbersWrittenAsWords(_ words: String, _ value: Int) {
        let numbers = Tokenizer.tokenize("scale to \(words)").compactMap(\.number)
        #expect(numbers == [value])
    }

    @Test func digitsCarryTheirValueAndHugeOnesDoNot() {
        #expect(Tokenizer.tokenize("-1").first?.number == -1)
        let huge = Tokenizer.tokenize("99999999999999999999999").first
        #expect(huge?.number == nil)
        #expect(huge?.isNumeric == true)
    }
}

@Suite("Durations as people write them")
struct DurationTests {
    @Test(arguments: [("5m", 300), ("90s", 90), ("1h30m", 5400), ("2d", 172_800), ("10min", 600)])
    func compactDurations(_ text: String, _ seconds: Int) {
        #expect(DurationReader.compact(text) == seconds)
    }

    @Test(arguments: ["5", "m", "5x", "h5", ""])
    func notDurations(_ text: String) {
        #expect(DurationReader.compact(text) == nil)
    }

    @Test(arguments: [
        ("last 10 minutes", 600), ("past hour", 3600), ("an hour", 3600), ("half an hour", 1800),
        ("1 hour and 30 minutes", 5400), ("since 2 days", 172_800), ("last day", 86_400),
    ])
    func spelledOutDurations(_ text: String, _ seconds: Int) {
        #expect(DurationReader.find(in: Clause(Tokenizer.tokenize(text)))?.seconds == seconds)
    }
}

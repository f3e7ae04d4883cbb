import KaiCore
@testable import KaiExecutor
import Testing

/// A person at a terminal who answers with what the test scripted, and remembers what was asked.
actor ScriptedConfirmer: Confirmer {
    let answerChanges: Bool
    let typedName: String
    private(set) var asked: [String] = []

    init(answerChanges: Bool, typedName: String = "") {
        self.answerChanges = answerChanges
        self.typedName = typedName
    }

    func confirmChanges(_ summaries: [String]) async -> Bool {
        asked.append("changes: \(summaries.count)")
        return answerChanges
    }

    func confirmByName(_ name: String, for summary: String, label: String) async -> Bool {
        asked.append("name: \(name)")
        return typedName == name
    }
}

@Suite("Confirmation semantics of design.md")
struct ConfirmationGateTests {
    let backend = ObjectReference(kind: .deployment, namespace: "todo-chatbot", name: "todo-chatbot-backend")

    func plan(_ operations: [CatalogOperation]) -> Plan {
        Plan(request: "test", interpreter: .local, steps: operations.map { PlannedStep($0) })
    }

    var read: CatalogOperation { .rolloutStatus(.init(backend)) }
    var change: CatalogOperation { .restart(.init(backend)) }
    var disruptive: CatalogOperation { .rollback(.init(backend)) }

    func isRun(_ decision: ConfirmationGate.Decision) -> Bool {
        if case .run = decision { true } else { false }
    }

    @Test func readStepsRunAtOnceWithoutATerminal() async {
        let decision = await ConfirmationGate(consent: Consent(), confirmer: nil).decide(plan([read]))
        #expect(isRun(decision))
    }

    @Test func changeWithoutTerminalOrYesIsRefusedAndSaysSo() async {
        let decision = await ConfirmationGate(consent: Consent(), confirmer: nil).decide(plan([read, change]))
        guard case .refused(let error) = decision else { Issue.record("expected a refusal"); return }
        #expect(error.category == .confirmation)
        #expect(error.problem.contains("no terminal"))
        #expect(error.remedy.contains("--yes"))
    }

    @Test func yesRunsChangesWithoutAsking() async {
        let confirmer = ScriptedConfirmer(answerChanges: false)
        let decision = await ConfirmationGate(consent: Consent(yes: true), confirmer: confirmer).decide(plan([change]))
        #expect(isRun(decision))
        #expect(await confirmer.asked.isEmpty)
    }

    @Test func yesWithoutAllowDisruptiveNeverRunsADisruptiveStepUnattended() async {
        let decision = await ConfirmationGate(consent: Consent(yes: true), confirmer: nil).decide(plan([change, disruptive]))
        guard case .refused(let error) = decision else { Issue.record("expected a refusal"); return }
        #expect(error.problem.contains("--yes alone never runs a disruptive step"))
        #expect(error.remedy.contains("--allow-disruptive"))
    }

    @Test func yesWithAllowDisruptiveRunsEverything() async {
        let decision = await ConfirmationGate(consent: Consent(yes: true, allowDisruptive: true), confirmer: nil).decide(plan([disruptive]))
        #expect(isRun(decision))
    }

    @Test func disruptiveStepNeedsTheTargetNameTyped() async {
        let wrong = ScriptedConfirmer(answerChanges: true, typedName: "backend")
        guard case .refused = await ConfirmationGate(consent: Consent(), confirmer: wrong).decide(plan([disruptive])) else {
            Issue.record("a wrong name must not confirm")
            return
        }
        let right = ScriptedConfirmer(answerChanges: true, typedName: "todo-chatbot-backend")
        #expect(isRun(await ConfirmationGate(consent: Consent(), confirmer: right).decide(plan([disruptive]))))
        #expect(await right.asked == ["name: todo-chatbot-backend"])
    }

    @Test func aMixedPlanAsksYesForChangesAndTheNameForEachDisruptiveStep() async {
        let confirmer = ScriptedConfirmer(answerChanges: true, typedName: "todo-chatbot-backend")
        #expect(isRun(await ConfirmationGate(consent: Consent(), confirmer: confirmer).decide(plan([read, change, disruptive]))))
        #expect(await confirmer.asked == ["changes: 1", "name: todo-chatbot-backend"])
    }

    @Test func declinedChangeRunsNothing() async {
        let confirmer = ScriptedConfirmer(answerChanges: false)
        guard case .refused(let error) = await ConfirmationGate(consent: Consent(), confirmer: confirmer).decide(plan([change])) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.problem.starts(with: "Declined"))
    }

    @Test func anUngroundedChangeNeedsTheNameTypedWhateverTheFlags() async {
        var ungrounded = plan([change])
        ungrounded.ungrounded = ["the request does not name todo-chatbot-backend; the model proposed restart on deployment todo-chatbot-backend"]
        #expect(!isRun(await ConfirmationGate(consent: Consent(yes: true, allowDisruptive: true), confirmer: nil).decide(ungrounded)))
        let confirmer = ScriptedConfirmer(answerChanges: true, typedName: "todo-chatbot-backend")
        #expect(isRun(await ConfirmationGate(consent: Consent(yes: true, allowDisruptive: true), confirmer: confirmer).decide(ungrounded)))
        #expect(await confirmer.asked == ["name: todo-chatbot-backend"])
    }

    @Test func aSuggestionRunsOnlyWhenItsNameIsTyped() async {
        let suggesting = plan([read, change]).suggestingChanges()
        #expect(suggesting.steps.map(\.operation) == [read])
        #expect(await ConfirmationGate(consent: Consent(yes: true, allowDisruptive: true), confirmer: nil).acceptedSuggestions(suggesting).isEmpty)
        let wrong = ScriptedConfirmer(answerChanges: true, typedName: "frontend")
        #expect(await ConfirmationGate(consent: Consent(), confirmer: wrong).acceptedSuggestions(suggesting).isEmpty)
        let right = ScriptedConfirmer(answerChanges: true, typedName: "todo-chatbot-backend")
        #expect(await ConfirmationGate(consent: Consent(), confirmer: right).acceptedSuggestions(suggesting).map(\.operation) == [change])
    }
}

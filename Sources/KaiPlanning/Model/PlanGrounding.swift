import KaiCore
import KaiInterpreter
import KaiKube

/// Checks a model's plan against the request before anyone confirms it. A model may pick a target the
/// request never named ("scale the payments service" becoming a scale of the backend) or propose a
/// change for a question; neither may run on `--yes` alone.
///
/// Every change must act on what the request named: an object's name, its role or role word, a
/// unique prefix of its name, or (for a pod) the deployment that owns it. A change on anything else is
/// said plainly in ``Plan/ungrounded``. Changes proposed for a request that asks for none become
/// ``Plan/suggestions``. The local grammar's plans need no check: their targets are the request's own words.
struct PlanGrounding {
    let planner: Planner

    /// `plan` with its changes checked against its request; `reads` are what the model looked at
    /// first, shown as steps when its changes become suggestions. `cues` is the request as kai read it
    /// for the model; a change whose operation is not among what its words ask for
    /// (``RequestCues/operations``, when kai can tell) is a suggestion too.
    func ground(_ plan: Plan, reads: [PlannedStep], cues: RequestCues) -> Plan {
        guard plan.refusal == nil, plan.steps.contains(where: { $0.operation.risk > .read }) else { return plan }
        let survey = cues.survey ?? RequestSurvey(plan.request, vocabulary: planner.vocabulary)
        guard survey.asksForChange else { return plan.suggestingChanges(after: reads) }
        var grounded = plan
        if let asked = cues.operations, plan.steps.contains(where: { $0.operation.risk > .read && !asked.contains($0.operation.name) }) {
            grounded = plan.suggestingChanges(after: reads) { !asked.contains($0.operation.name) }
        }
        let changes = grounded.steps.filter { $0.operation.risk > .read }
        guard !changes.isEmpty else { return grounded }
        let missing = missingNames(cues.grammarDrafts ?? [])
        for step in changes {
            guard let target = step.operation.target, !isNamed(target, by: survey, in: plan.request) else { continue }
            let proposal = "the model proposed \(step.operation.name.rawValue) on \(target.kind.noun) \(target.name)"
            let sentence = missing.isEmpty ? "the request does not name \(target.name); \(proposal)"
                : "the request names \(missing.map { "\"\($0)\"" }.joined(separator: " and ")), which "
                    + (missing.count == 1 ? "does" : "do") + " not exist; \(proposal)"
            if !grounded.ungrounded.contains(sentence) { grounded.ungrounded.append(sentence) }
        }
        return grounded
    }

    /// Whether the request names `target`: the object itself, or the deployment that owns a pod.
    private func isNamed(_ target: ObjectReference, by survey: RequestSurvey, in request: String) -> Bool {
        if request.lowercased().contains(target.name.lowercased()) { return true }
        let names = survey.named.filter { $0.namespace == target.namespace }
        if names.contains(where: { $0.object == target.name && $0.kind == target.kind }) { return true }
        guard target.kind == .pod,
              let owner = planner.snapshot.snapshot(of: target.namespace)?.pods.first(where: { $0.name == target.name })?.deployment else { return false }
        return names.contains { $0.object == owner && $0.kind == .deployment }
    }

    /// The names the grammar's steps for the request (`drafts`) give that the cluster does not have.
    private func missingNames(_ drafts: [DraftStep]) -> [String] {
        let resolver = Resolver(snapshot: planner.snapshot)
        var missing: [String] = []
        for draft in drafts {
            guard let target = draft.target else { continue }
            do {
                _ = try resolver.resolve(draft)
            } catch where error.reason == .unknown {
                let words = target.words.joined(separator: " ")
                if !missing.contains(words) { missing.append(words) }
            } catch {
                continue
            }
        }
        return missing
    }
}

import KaiCore

/// Decides which catalog operation a clause asks for, from its words, most specific first.
enum OperationDetector {
    /// What a clause asks for.
    enum Detection: Equatable {
        case operation(OperationName)
        case refusal(Refusal)
        /// The clause mentions an operation but must not be planned as one; says why.
        case unsure(String)
        case unknown
    }

    static func detect(_ clause: Clause) -> Detection {
        if let refusal = CatalogRefusals.check(clause) { return .refusal(refusal) }
        if isQuestionAboutFailure(clause) { return .operation(.diagnose) }
        if let objection = ChangeGuard.negation(in: clause) { return .unsure(objection) }
        if clause.contains("describe") { return .operation(.describe) }
        if let question = question(clause) { return .operation(question) }
        if isResourceChange(clause) { return .operation(.setResources) }
        if isAutoscalerRemoval(clause) { return .operation(.removeAutoscaler) }
        let failing = clause.containsAny(Lexicon.diagnose.subtracting(Lexicon.inquiry))
        if clause.containsAny(["image", "images"]) && !clause.containsAny(Lexicon.list.subtracting(["set"])) && !failing
            || clause.tokens.contains(where: { ImageReference.looksLikeImage(ImageCandidate.text(of: $0.raw)) }) && clause.containsAny(Lexicon.imageChange)
            || clause.tokens.contains(where: { VersionTag.looksLikeVersion($0.text) }) && clause.containsAny(["deploy", "upgrade", "update", "bump", "ship", "release", "move", "switch", "downgrade"]) {
            return .operation(.setImage)
        }
        if isRollback(clause) { return .operation(.rollback) }
        if let autoscale = autoscaleOrList(clause) { return .operation(autoscale) }
        if clause.contains("bump") { return .operation(clause.hasNumber ? .scale : .restart) }
        if clause.containsAny(Lexicon.restart) || clause.hasPhrase("start over")
            || (clause.contains("roll") && !clause.containsAny(["out", "back", "status", "history", "undo"])) {
            return .operation(.restart)
        }
        if clause.containsAny(Lexicon.delete) && !isScale(clause) { return .operation(.deletePod) }
        if isScale(clause) { return .operation(.scale) }
        if clause.tokens.indices.contains(where: { clause.tokens[$0].isNumeric && ["lines", "line"].contains(clause.text($0 + 1)) }) {
            return .operation(.logs)
        }
        if clause.containsAny(Lexicon.history) { return .operation(.rolloutHistory) }
        if clause.containsAny(Lexicon.logs) { return .operation(.logs) }
        if isRolloutStatus(clause) { return .operation(.rolloutStatus) }
        if clause.containsAny(Lexicon.events) { return .operation(isWarningList(clause) ? .list : .events) }
        if isPhaseList(clause) { return .operation(.list) }
        if clause.containsAny(Lexicon.resources) && !failing { return .operation(.resources) }
        if failing || clause.containsAny(Lexicon.inquiry.subtracting(["down"])) { return .operation(.diagnose) }
        if clause.tokens.contains(where: { ResourceKind(word: $0.text) != nil && !ResourceWord.isSingular($0.text) })
            || clause.tokens.contains(where: { ResourceKind(word: $0.text) != nil }) && !hasTargetWords(clause)
            || isListQuestion(clause) {
            return .operation(.list)
        }
        if clause.containsAny(Lexicon.describe) || clause.containsAny(Lexicon.list) || clause.containsAny(ResourceWord.deployment.union(ResourceWord.pod)) {
            return .operation(.describe)
        }
        return .unknown
    }

    /// "why ...", "what's wrong with ...", "what is going on with ...".
    private static func isQuestionAboutFailure(_ clause: Clause) -> Bool {
        clause.text(0) == "why" || clause.hasPhrase("what is wrong") || clause.hasPhrase("what went wrong")
            || clause.hasPhrase("what is going on") || clause.hasPhrase("not working") || clause.hasPhrase("not starting")
            || clause.hasPhrase("keeps restarting") || clause.hasPhrase("keep restarting") || clause.hasPhrase("is down")
            || clause.hasPhrase("are down") || clause.hasPhrase("went down")
            || (clause.text(0) == "how" && clause.containsAny(["doing", "holding", "looking"]))
            || (clause.text(0) == "is" && clause.containsAny(["ok", "okay", "alright", "fine", "up", "alive"]))
            || clause.hasPhrase("take a look") || clause.hasPhrase("something is off") || clause.hasPhrase("something is wrong")
    }

    /// Questions that name what they ask about: "which image is the backend running?" (describe),
    /// "what images are running?" (the deployments, whose images the list shows), "what revision is the
    /// frontend on?" (its history), "is the backend autoscaled?" (the autoscalers), "the replica count of
    /// every deployment" (the list), "wait for it to be ready" (the rollout).
    private static func question(_ clause: Clause) -> OperationName? {
        let asks = clause.isQuestion || ["what", "which", "is", "are", "does", "do", "how"].contains(clause.text(0))
        let changes = clause.containsAny(ChangeGuard.changeWords.subtracting(["roll"]))
        if asks, clause.containsAny(["what", "which"]), clause.containsAny(["image", "images", "version", "versions", "tag"]), !changes {
            return hasTargetWords(clause) && !clause.containsAny(["all", "every", "pods", "deployments"]) ? .describe : .list
        }
        if clause.containsAny(["what", "which"]), clause.containsAny(["revision", "revisions", "history"]) { return .rolloutHistory }
        if ["is", "are", "does", "do"].contains(clause.text(0)), clause.containsAny(["autoscaled", "autoscaling", "autoscaler", "hpa"]) { return .list }
        if clause.containsAny(["every", "all", "each"]), clause.containsAny(["deployment", "deployments", "pod", "pods"]), !changes,
           !clause.containsAny(Lexicon.logs.union(Lexicon.events)) {
            return .list
        }
        if clause.containsAny(["wait", "watch"]), clause.containsAny(["ready", "rollout", "done", "finish", "finished", "complete", "available", "up"]) {
            return .rolloutStatus
        }
        return nil
    }

    /// "set backend memory limit to 512Mi", "give the frontend 250m cpu", "raise postgres memory by half",
    /// `kubectl set resources … --limits=memory=1Gi`: a change verb (or "give" with an amount) and a
    /// resource word, not about an autoscaler.
    private static func isResourceChange(_ clause: Clause) -> Bool {
        guard clause.containsAny(ResourceWords.nouns), !clause.containsAny(Lexicon.autoscale) else { return false }
        let amount = clause.tokens.contains(where: ResourceWords.looksLikeQuantity) || clause.hasNumber
            || clause.containsAny(["half", "double", "halve", "triple"]) || clause.tokens.contains { $0.text.hasSuffix("%") }
        if clause.containsAny(["--limits", "--requests"]) { return true }
        if clause.containsAny(ResourceWords.changeVerbs) && !clause.containsAny(["show", "list", "what", "recommend", "recommended"]) { return true }
        return clause.containsAny(["give", "allocate", "need", "needs"]) && (amount || clause.containsAny(["more", "less"]))
    }

    /// "remove the backend autoscaler", "delete the hpa of frontend", "stop autoscaling backend".
    private static func isAutoscalerRemoval(_ clause: Clause) -> Bool {
        guard clause.containsAny(Lexicon.autoscale) else { return false }
        return clause.containsAny(Lexicon.delete.union(["disable", "stop", "turn"])) && !clause.hasNumber
            && (!clause.contains("turn") || clause.contains("off"))
    }

    private static func isRollback(_ clause: Clause) -> Bool {
        clause.containsAny(Lexicon.rollback) || clause.hasPhrase("roll back") || clause.hasPhrase("go back")
            || (clause.contains("back") && clause.containsAny(["revision", "rev", "release"]) && clause.containsAny(["take", "put", "bring", "set", "move"]))
            || (clause.contains("roll") && clause.contains("back"))
            || (clause.hasPhrase("previous version") && !clause.containsAny(Lexicon.logs))
            || (clause.contains("undo") && clause.containsAny(["rollout", "deploy", "deployment", "release", "upgrade", "update"]))
    }

    /// "autoscale …" and "create an hpa for …" change; "show the hpa" lists.
    private static func autoscaleOrList(_ clause: Clause) -> OperationName? {
        guard clause.containsAny(Lexicon.autoscale) else { return nil }
        let explicit = clause.containsAny(["autoscale", "auto-scale", "autoscaling"]) || clause.hasPhrase("auto scale")
        let configures = clause.hasNumber || clause.containsAny(["create", "add", "set", "enable", "configure", "setup", "turn"])
        if explicit && (configures || !clause.containsAny(Lexicon.list)) { return .autoscale }
        return configures ? .autoscale : .list
    }

    private static func isScale(_ clause: Clause) -> Bool {
        if clause.hasPhrase("how many") { return false }
        let verbs: Set<String> = ["scale", "scaled", "rescale", "increase", "decrease", "reduce", "raise", "lower", "grow", "shrink"]
        if clause.containsAny(verbs) || clause.containsAny(Lexicon.stop) || clause.hasPhrase("shut down")
            || clause.hasPhrase("turn off") || clause.hasPhrase("take down") || clause.hasPhrase("spin down") { return true }
        if clause.containsAny(["double", "triple", "halve"]) { return true }
        let counted = clause.containsAny(["replicas", "replica", "instances", "instance", "copies", "copy"])
        let changed = clause.hasNumber || clause.containsAny(["more", "fewer", "less", "add", "remove", "another", "extra", "drop"])
        if counted && changed { return true }
        if clause.hasNumber, clause.containsAny(["pods", "pod"]),
           clause.containsAny(["need", "want", "run", "have", "keep", "get", "bring", "put", "fire", "spin", "set"]) { return true }
        return clause.hasNumber && (clause.hasPhrase("make it") || clause.contains("run") || clause.hasPhrase("set it"))
    }

    private static func isRolloutStatus(_ clause: Clause) -> Bool {
        if clause.containsAny(["rollout", "rolled", "rolling", "progress"]) || clause.hasPhrase("roll out") { return true }
        return clause.containsAny(["ready", "done", "finished", "complete", "completed", "available"])
            && clause.containsAny(["is", "are", "has", "have", "did"])
    }

    private static func isWarningList(_ clause: Clause) -> Bool {
        clause.containsAny(["warning", "warnings", "normal"]) && !clause.tokens.contains { !Lexicon.nonTargetWords.contains($0.text) && !["warning", "warnings", "normal"].contains($0.text) }
    }

    /// "show me the failed pods": a kind in the plural with a pod phase is a filtered list, not a diagnosis.
    private static func isPhaseList(_ clause: Clause) -> Bool {
        clause.containsAny(["pods", "po"]) && clause.containsAny(["failed", "pending", "succeeded", "completed", "running"])
            && !clause.containsAny(["why", "wrong", "crashing", "failing", "broken"])
    }

    /// Whether any word could name a target (is neither grammar nor a number).
    static func hasTargetWords(_ clause: Clause) -> Bool {
        clause.tokens.contains { !$0.isNumeric && !Lexicon.nonTargetWords.contains($0.text) }
    }

    /// "what is running", "how many pods", "which pods are pending".
    private static func isListQuestion(_ clause: Clause) -> Bool {
        clause.containsAny(["what", "which"]) && clause.containsAny(["running", "pending", "deployed"])
    }
}

import KaiCore

extension ClauseParser {
    /// The kinds named in a list request ("pods and services"); events with "warnings".
    mutating func readKinds() -> [ResourceKind] {
        var kinds: [ResourceKind] = []
        for index in clause.tokens.indices {
            if let kind = ResourceKind(word: clause.text(index)) {
                clause.use(index)
                if !kinds.contains(kind) { kinds.append(kind) }
            }
        }
        if kinds.isEmpty, clause.containsAny(Lexicon.autoscale.union(["autoscaled"])) { kinds = [.hpa] }
        // "what images are the pods running?": the deployments answer it, one line per workload with its images.
        if clause.containsAny(["image", "images"]), kinds.allSatisfy({ $0 == .pods }) { kinds = [.deployments] }
        return kinds.isEmpty ? [.pods] : kinds
    }

    /// State filters as kubectl writes them: "not running" -> `status.phase!=Running`, "warnings" -> `type=Warning`.
    mutating func readFieldSelector(for kind: ResourceKind) throws(ValueError) -> FieldSelector? {
        if let flag = clause.firstIndex(of: ["--field-selector"]), let value = clause[flag + 1] {
            clause.use(flag, flag + 1)
            return try FieldSelector(value.raw)
        }
        if let index = clause.tokens.firstIndex(where: { Self.isFieldTerm($0.raw) }) {
            clause.use(index)
            return try FieldSelector(clause.tokens[index].raw)
        }
        if kind == .events {
            if clause.containsAny(["warning", "warnings"]) { clause.useAll(["warning", "warnings"]); return try FieldSelector("type=Warning") }
            if clause.contains("normal") { clause.useAll(["normal"]); return try FieldSelector("type=Normal") }
            return nil
        }
        guard kind == .pods else { return nil }
        if clause.containsAny(["all", "every", "each"]), clause.isQuestion || ["are", "is", "do", "does"].contains(clause.text(0)) {
            // "are all pods running?" asks about every pod: the whole list answers it, not the running ones alone.
            clause.useAll(["running", "up", "ready", "healthy"])
            return nil
        }
        let phases: [(words: Set<String>, phase: String)] = [
            (["running"], "Running"), (["pending"], "Pending"), (["failed"], "Failed"),
            (["succeeded", "completed"], "Succeeded"), (["unknown"], "Unknown"),
        ]
        for (words, phase) in phases {
            guard let index = clause.firstIndex(of: words) else { continue }
            let negated = ["not", "non", "no"].contains(clause.text(index - 1)) || clause.text(index).hasPrefix("non-")
            clause.use(index, negated ? index - 1 : index)
            return try FieldSelector("status.phase\(negated ? "!=" : "=")\(phase)")
        }
        if clause.hasPhrase("non-running") {
            clause.useAll(["non-running"])
            return try FieldSelector("status.phase!=Running")
        }
        if let on = clause.index(ofPhrase: ["on", "node"]), let node = clause[on + 2] {
            clause.use(on, on + 1, on + 2)
            return try FieldSelector("spec.nodeName=\(node.text)")
        }
        return nil
    }

    /// "-l app=web", "--selector=tier=db", "with label component=backend", or a bare `key=value`.
    mutating func readLabelSelector() throws(ValueError) -> LabelSelector? {
        if let flag = clause.firstIndex(of: ["-l", "--selector", "label", "labels", "labelled", "labeled"]), let value = clause[flag + 1],
           value.raw.contains("=") || value.raw.contains("!") {
            clause.use(flag, flag + 1)
            return try LabelSelector(value.raw)
        }
        if let index = clause.tokens.firstIndex(where: { $0.raw.contains("=") && !Self.isFieldTerm($0.raw) && !$0.raw.hasPrefix("-") }) {
            clause.use(index)
            return try LabelSelector(clause.tokens[index].raw)
        }
        return nil
    }

    private static func isFieldTerm(_ text: String) -> Bool {
        ["status.", "spec.", "metadata.", "involvedObject.", "type=", "type!=", "reason="].contains { text.hasPrefix($0) } && text.contains("=")
    }
}

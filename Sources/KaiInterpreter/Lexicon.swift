import KaiCore

/// Words for kinds of object, as people and kubectl write them.
enum ResourceWord {
    static let pod: Set<String> = ["pod", "pods", "po"]
    static let deployment: Set<String> = ["deployment", "deployments", "deploy", "deploys", "deployment.apps"]

    /// Kind words that name one object ("deployment backend") rather than a list ("deployments").
    static func isSingular(_ word: String) -> Bool {
        ["pod", "deployment", "service", "replicaset", "event", "configmap", "autoscaler", "horizontalpodautoscaler", "deployment.apps"].contains(word)
    }

    /// Whether `word` may stand before a slash in kubectl's `kind/name`.
    static func isKindPrefix(_ word: String) -> Bool {
        ResourceKind(word: word) != nil
    }

    /// The kind a word names as a target hint: "pod" -> `.pod`.
    static func kindHint(_ word: String) -> ObjectKind? {
        if pod.contains(word) { return .pod }
        if deployment.contains(word) { return .deployment }
        return nil
    }
}

/// The grammar's vocabulary: which words signal which operation, and which are never names.
enum Lexicon {
    static let restart: Set<String> = [
        "restart", "restarts", "restarting", "bounce", "redeploy", "re-deploy", "reboot", "recycle", "cycle",
        "reload", "kick", "re-start", "rollout-restart", "refresh", "restarted",
    ]
    static let rollback: Set<String> = ["rollback", "roll-back", "revert", "downgrade"]
    static let autoscale: Set<String> = ["autoscale", "auto-scale", "autoscaling", "autoscaler", "hpa", "horizontalpodautoscaler", "horizontalpodautoscalers"]
    static let scale: Set<String> = [
        "scale", "scaled", "rescale", "replicas", "replica", "instances", "instance", "copies", "copy",
        "increase", "decrease", "reduce", "raise", "lower", "grow", "shrink",
    ]
    static let stop: Set<String> = ["stop", "shutdown", "halt"]
    static let delete: Set<String> = [
        "delete", "remove", "destroy", "drop", "wipe", "purge", "uninstall", "terminate", "kill", "erase", "nuke", "evict", "rm",
    ]
    static let logs: Set<String> = [
        "log", "logs", "logging", "tail", "output", "stdout", "stderr", "printed", "printing", "saying", "logged",
    ]
    static let events: Set<String> = ["events", "event", "happened", "happening"]
    static let resources: Set<String> = [
        "resources", "resource", "usage", "cpu", "memory", "mem", "ram", "limits", "limit", "requests",
        "top", "consumption", "consuming", "utilization", "utilisation", "using", "use", "right-size", "rightsize", "sizing",
        "over-provisioned", "overprovisioned", "under-provisioned", "underprovisioned", "provisioned",
        "allocation", "allocations", "allocated", "allocate", "recommend", "recommended", "recommendation", "recommendations",
        "headroom", "capacity",
    ]
    static let diagnose: Set<String> = [
        "diagnose", "diagnosis", "debug", "troubleshoot", "investigate", "wrong", "failing", "fails", "failed",
        "failure", "failures", "crash", "crashing", "crashes", "crashed", "crashloop", "crashloopbackoff", "broken", "unhealthy",
        "healthy", "health", "problem", "problems", "issue", "issues", "error", "errors", "erroring", "down", "oom",
        "oomkilled", "stuck", "check", "sick", "flapping", "why", "crashlooping", "throwing", "500s", "5xx", "timeouts", "timing",
        "analyze", "analyse", "analysis", "caused", "cause", "causing", "reachable", "unreachable", "connectivity", "connect", "connection",
    ]
    /// Words of looking into something that say nothing of failure: with resource words they ask for resources.
    static let inquiry: Set<String> = ["check", "health", "healthy", "down", "analyze", "analyse", "analysis", "investigate"]
    static let describe: Set<String> = ["describe", "details", "detail", "info", "information", "inspect", "about", "status", "state"]
    static let history: Set<String> = ["history", "revisions", "versions"]
    static let rollout: Set<String> = ["rollout", "rolled", "rolling", "roll", "progress", "ready", "done", "finished", "finish", "complete", "completed", "deploying"]
    static let list: Set<String> = ["list", "show", "get", "display", "what", "which", "see", "view", "many", "ls", "print", "give", "fetch"]
    static let imageChange: Set<String> = ["set", "update", "change", "upgrade", "deploy", "use", "switch", "bump", "move", "image", "images", "release", "ship"]

    /// Words that begin a new request inside a sentence ("scale backend to 2 *and restart* frontend").
    static let clauseStarters: Set<String> = restart.union(rollback).union(autoscale).union(stop).union(delete)
        .union(["scale", "rescale", "increase", "decrease", "reduce", "raise", "lower"])
        .union(["list", "show", "get", "display", "describe", "inspect", "tail", "diagnose", "debug", "troubleshoot", "watch", "wait", "follow",
                "investigate", "check", "why", "what", "how", "is", "are", "has", "give", "fetch", "set", "update",
                "change", "upgrade", "make", "bump", "roll", "rollout", "undo", "exec", "tell"])

    /// Words joining clauses or items of a list.
    static let conjunctions: Set<String> = [",", ";", "and", "then", "also", "plus", "&", "+", "afterwards", "after", "finally"]
    /// Conjunctions that always begin a new clause, whatever follows: "restart frontend *but* leave the backend alone".
    static let contrasts: Set<String> = ["but", "except", "excluding"]

    /// Words that never name a target: grammar, politeness and the operation words themselves.
    static let nonTargetWords: Set<String> = {
        let filler: Set<String> = [
            "the", "a", "an", "my", "our", "your", "this", "that", "these", "those", "of", "for", "from", "on", "in", "at",
            "to", "with", "by", "into", "please", "pls", "plz", "kindly", "me", "us", "can", "could", "would", "will",
            "you", "kai", "is", "are", "was", "were", "be", "been", "being", "it", "its", "what", "how", "which", "who",
            "tell", "all", "current", "currently", "now", "right", "just", "some", "any", "app", "application",
            "there", "do", "does", "did", "has", "have", "had", "and", "or", "&", ",", ";", "so", "then", "also", "again",
            "quickly", "asap", "immediately", "okay", "ok", "hey", "hi", "hello", "thanks", "thank", "i", "we", "let",
            "want", "need", "like", "go", "ahead", "up", "down", "more", "less", "fewer", "lines", "line", "entries",
            "container", "containers", "last", "past", "since", "previous", "prev", "prior", "yet", "much", "compared",
            "against", "vs", "versus", "make", "mind", "should", "shall", "may", "might", "not", "no", "over", "within",
            "across", "one", "get", "if", "when", "am", "keep", "same", "new", "old", "bit", "every", "everything",
            "everyone", "instead", "really", "still", "whats", "out", "off", "namespace", "ns",
            "k8s", "kubernetes", "cluster", "running", "pending", "deployed", "based", "version", "revision", "rev",
            "times", "time", "per", "percent", "%", "target", "targeting", "min", "max", "minimum", "maximum", "between",
            "least", "most", "about", "look", "see", "whole", "entire", "recent", "recently", "latest", "things", "thing",
            "them", "they", "their", "he", "she", "him", "her", "stuff", "service", "services", "working", "work", "ago",
            "-o", "wide", "yaml", "json", "named", "called", "read-only", "up-to-date", "zero-downtime", "in-place", "right-now", "namespaces", "-a", "--all-namespaces", "cluster-wide", "clusterwide", "undo", "run", "back", "help", "urgent", "anything", "something", "fine", "alright",
            "add", "create", "enable", "configure", "setup", "watch", "wait", "doing", "holding", "looking", "double", "triple",
            "halve", "half", "its", "before", "after", "deploying", "updating", "updated", "right-size", "rightsize", "size",
            "sizing", "need", "needs", "going", "currently", "start", "starting", "started", "responding", "loading", "serving",
            "reachable", "touch", "leave", "alone", "quick", "both", "bring", "grab", "full", "spec", "horizontal", "off",
            "take", "look", "keeps", "stay", "but", "except", "excluding", "untouched", "skip", "wrong", "-w", "--watch", "-f", "--follow", "follow", "kubectl", "warning", "warnings", "normal",
        ]
        var words = filler
        for set in [restart, rollback, autoscale, scale, stop, delete, logs, events, resources, diagnose, describe,
                    history, rollout, list, imageChange, ResourceWord.pod, ResourceWord.deployment] {
            words.formUnion(set)
        }
        for kind in ResourceKind.allCases { words.formUnion(kind.spellings) }
        return words
    }()
}

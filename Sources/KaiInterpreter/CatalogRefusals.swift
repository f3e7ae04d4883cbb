import KaiCore

/// Requests outside the catalog, recognised before anything else so they are refused with a
/// reason rather than misread as something kai can do.
enum CatalogRefusals {
    static func check(_ clause: Clause) -> Refusal? {
        if let refusal = arbitraryCommand(clause) ?? exec(clause) ?? clusterWide(clause) ?? secrets(clause) { return refusal }
        if let refusal = deletion(clause) ?? everything(clause) { return refusal }
        return nil
    }

    static let catalogSummary = "kai can list, describe, show logs and events, diagnose, check resources and rollouts, scale, restart, autoscale or remove an autoscaler, roll back, set an image, set requests and limits, and delete one pod."

    private static func exec(_ clause: Clause) -> Refusal? {
        let words: Set<String> = ["exec", "shell", "ssh", "bash", "sh", "attach", "port-forward", "portforward", "tty", "-it", "console", "psql", "cp", "scp"]
        guard clause.containsAny(words) || clause.hasPhrase("port forward") || clause.hasPhrase("run a command")
                || clause.hasPhrase("run command") || clause.hasPhrase("log into") || clause.hasPhrase("log in to")
                || clause.hasPhrase("execute") else { return nil }
        return Refusal(reason: "Running commands or opening sessions inside containers (exec, shell, port-forward) is not in kai's catalog: kai only runs operations it can show, check and audit.",
                       alternative: "kai can show the logs, describe or diagnose it instead, e.g. \"diagnose postgres\".")
    }

    private static func secrets(_ clause: Clause) -> Refusal? {
        let words: Set<String> = ["secret", "secrets", "password", "passwords", "credential", "credentials", "apikey", "token", "tokens",
                                  "database_url", "better_auth_secret", "openai_api_key", "passwd", "kubeconfig"]
        let environment = clause.containsAny(["env", "environment", "envs"]) && clause.containsAny(["variables", "variable", "vars", "env", "envs"])
        guard clause.containsAny(words) || clause.hasPhrase("api key") || clause.hasPhrase("api keys") || environment else { return nil }
        guard clause.text(0) != "why" else { return nil }
        return Refusal(reason: "kai never reads or shows secret values: they must not reach a terminal, a log or a model.",
                       alternative: "\"diagnose backend\" reports which Secret keys a pod needs and whether they exist (names only, never values).")
    }

    private static func arbitraryCommand(_ clause: Clause) -> Refusal? {
        var verbs: Set<String> = ["apply", "create", "patch", "edit", "annotate", "cordon", "uncordon", "drain", "taint",
                                  "expose", "install", "helm", "proxy", "replace", "run", "kustomize", "pause", "resume"]
        if clause.containsAny(Lexicon.autoscale) { verbs.remove("create") }
        if clause.text(0) == "label" { verbs.insert("label") }
        let nouns: Set<String> = ["ingress", "ingresses", "configmap", "configmaps", "statefulset", "pvc", "volume", "volumes", "node",
                                  "nodes", "job", "jobs", "cronjob", "role", "rolebinding", "clusterrole", "crd", "env", "environment", "variable", "variables", "label", "labels", "annotation"]
        let changeVerbs: Set<String> = ["set", "update", "change", "add", "modify", "edit", "write", "put"]
        let first = clause.firstIndex(of: verbs)
        if let first, !(clause.text(first) == "run" && clause.number(after: first) != nil) {
            let verb = clause.text(first)
            return Refusal(reason: "\"\(verb)\" is not in kai's catalog: kai does not run arbitrary kubectl or Helm commands, only typed operations it can check and undo.",
                           alternative: catalogSummary)
        }
        if clause.containsAny(changeVerbs), clause.containsAny(nouns) {
            return Refusal(reason: "Changing configuration objects, environment variables, labels or nodes is not in kai's catalog.",
                           alternative: "Change them in the chart's values and upgrade the release; \(catalogSummary)")
        }
        return nil
    }

    /// "all namespaces", "-A", "across the cluster": a read means every namespace the policy allows; a change is refused.
    static func namesEveryNamespace(_ clause: Clause) -> Bool {
        clause.hasPhrase("all namespaces") || clause.hasPhrase("every namespace") || clause.contains("-a")
            || clause.contains("--all-namespaces") || clause.contains("cluster-wide") || clause.contains("clusterwide")
            || clause.hasPhrase("whole cluster") || clause.hasPhrase("entire cluster") || clause.hasPhrase("across the cluster")
            || clause.hasPhrase("other namespaces") || clause.hasPhrase("each namespace") || clause.hasPhrase("any namespace")
            || clause.hasPhrase("all the namespaces") || clause.hasPhrase("in the cluster") && clause.containsAny(["all", "every"])
    }

    private static func clusterWide(_ clause: Clause) -> Refusal? {
        guard namesEveryNamespace(clause), clause.containsAny(ChangeGuard.changeWords) else { return nil }
        return Refusal(reason: "kai changes one named deployment in one namespace at a time; it does not change every namespace at once.",
                       alternative: "Name the namespace and the deployment (\"restart web-app in namespace shop\"); reads across namespaces cover every namespace the policy allows.")
    }

    private static func deletion(_ clause: Clause) -> Refusal? {
        guard let verbIndex = clause.firstIndex(of: Lexicon.delete) else { return nil }
        if clause.containsAny(Lexicon.autoscale) { return nil }  // removeAutoscaler
        if clause.containsAny(["replica", "replicas", "instance", "instances", "copies", "copy"]) { return nil }
        let verb = clause.text(verbIndex)
        let manyPods = (clause.containsAny(["pods", "all", "every", "everything"]) || clause.hasPhrase("each pod")) && !clause.hasPhrase("one of")
        if manyPods {
            return Refusal(reason: "Deleting several pods at once is not in kai's catalog: it can take the whole app down.",
                           alternative: "\"restart DEPLOYMENT\" replaces its pods one by one; \"delete pod NAME\" deletes a single pod.")
        }
        if clause.containsAny(ResourceWord.pod) || clause.tokens.contains(where: { PodName.looksLikePod($0.text) }) { return nil }
        let objectWords: [String: String] = [
            "namespace": "a namespace", "ns": "a namespace", "deployment": "a deployment", "deployments": "deployments",
            "deploy": "a deployment", "service": "a service", "services": "services", "svc": "a service",
            "statefulset": "a statefulset", "pvc": "a volume claim", "volume": "a volume", "configmap": "a ConfigMap",
            "node": "a node", "replicaset": "a ReplicaSet",
            "release": "a release", "database": "the database", "data": "data", "table": "a table", "cluster": "the cluster",
        ]
        let what = clause.tokens.lazy.compactMap { objectWords[$0.text] }.first ?? "a deployment"
        return Refusal(reason: "Deleting \(what) is not in kai's catalog (\"\(verb)\" can only remove a single pod, which its deployment replaces).",
                       alternative: "To stop a deployment without losing it, \"scale DEPLOYMENT to 0\" (undoable); to replace one pod, \"delete pod NAME\".")
    }

    private static func everything(_ clause: Clause) -> Refusal? {
        let changes = Lexicon.restart.union(Lexicon.rollback).union(["scale", "rescale", "stop"]).union(Lexicon.autoscale)
        let all = clause.containsAny(["all", "everything", "every"]) || clause.hasPhrase("the whole app") || clause.hasPhrase("the whole stack")
        guard all, clause.containsAny(changes), !OperationDetector.hasTargetWords(clause) else { return nil }
        return Refusal(reason: "kai changes one named deployment per step, never everything at once.",
                       alternative: "Name them, e.g. \"restart frontend and backend\".")
    }
}

/// Recognises the names ReplicaSets give pods: `<deployment>-<template hash>-<suffix>`.
enum PodName {
    static func looksLikePod(_ word: String) -> Bool {
        let parts = word.split(separator: "-")
        guard parts.count >= 3, let suffix = parts.last, let hash = parts.dropLast().last else { return false }
        let alphanumeric = { (part: Substring) in part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
        return suffix.count == 5 && (6...10).contains(hash.count) && alphanumeric(suffix) && alphanumeric(hash)
    }
}

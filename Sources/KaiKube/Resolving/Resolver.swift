import KaiCore

/// Turns draft steps, with targets as people name them, into catalog operations on real
/// objects, using a snapshot of the cluster.
///
/// ```swift
/// let step = try Resolver(snapshot: snapshot).resolve(draft)  // "backend" -> deployment todo-chatbot-backend
/// ```
public struct Resolver: Sendable {
    public let snapshot: ClusterSnapshot

    /// A resolver over `snapshot`.
    public init(snapshot: ClusterSnapshot) {
        self.snapshot = snapshot
    }

    /// Resolves every step of a draft plan, or throws the first step's failure.
    public func resolve(_ drafts: [DraftStep]) throws(ResolutionError) -> [PlannedStep] {
        var steps: [PlannedStep] = []
        for draft in drafts { steps.append(try resolve(draft)) }
        return steps
    }

    /// Resolves one draft step: finds its target, applies relative counts, checks arguments against the object.
    public func resolve(_ draft: DraftStep) throws(ResolutionError) -> PlannedStep {
        if let other = draft.namespace, other != snapshot.namespace {
            guard let neighbour = snapshot.snapshot(of: other) else {
                throw ResolutionError(.unusable, problem: "kai has not read namespace \(other): it is looking at \(snapshot.namespace), and \(other) does not exist or may not be read.",
                                      remedy: "Check the name (`kai \"list pods in namespace \(other)\"`), or switch to it first.")
            }
            var local = draft
            local.namespace = nil
            return try Resolver(snapshot: neighbour).resolve(local)
        }
        let namespace = snapshot.namespace
        let target = try resolveTarget(of: draft)
        let before = target.flatMap { $0.kind == .deployment ? snapshot.state(ofDeployment: $0.name) : nil }
        let operation: CatalogOperation
        switch draft.operation {
        case .list:
            operation = .list(.init(kind: draft.kind ?? .pods, namespace: namespace,
                                    selector: try scopedSelector(draft.selector, target: target), fieldSelector: draft.fieldSelector))
        case .describe:
            operation = .describe(.init(try required(target, draft)))
        case .logs:
            let source = try required(target, draft)
            try check(container: draft.container, in: source)
            operation = .logs(.init(source, container: draft.container, tail: draft.tail ?? .standard,
                                    since: draft.since, previous: draft.previous))
        case .events:
            operation = .events(.init(target, namespace: namespace))
        case .diagnose:
            operation = .diagnose(.init(target, namespace: namespace))
        case .resources:
            operation = .resources(.init(target, namespace: namespace))
        case .rolloutStatus:
            operation = .rolloutStatus(.init(try required(target, draft)))
        case .rolloutHistory:
            operation = .rolloutHistory(.init(try required(target, draft)))
        case .scale:
            let deployment = try required(target, draft)
            operation = .scale(.init(deployment, replicas: try replicas(draft, before: before, of: deployment)))
        case .restart:
            operation = .restart(.init(try required(target, draft)))
        case .autoscale:
            guard let bounds = draft.autoscale else { throw missing("the largest number of replicas", for: draft, example: "autoscale backend from 2 to 5 at 70% cpu") }
            operation = .autoscale(.init(try required(target, draft), bounds: bounds))
        case .rollback:
            let deployment = try required(target, draft)
            try check(revision: draft.revision, of: deployment, current: before?.revision)
            operation = .rollback(.init(deployment, revision: draft.revision))
        case .setImage:
            let deployment = try required(target, draft)
            try check(container: draft.container, in: deployment)
            try checkSingleContainer(draft.container, in: deployment)
            let retag = try retagged(deployment, container: draft.container, tag: draft.imageTag)
            guard let image = draft.image ?? retag else {
                throw missing("the image", for: draft, example: "set image of backend to todo-backend:2.0")
            }
            operation = .setImage(.init(deployment, container: draft.container, image: image))
        case .setResources:
            operation = try setResources(draft, on: try required(target, draft))
        case .removeAutoscaler:
            operation = try removeAutoscaler(on: try required(target, draft))
        case .deletePod:
            operation = .deletePod(.init(try required(target, draft)))
        }
        return PlannedStep(operation, before: before)
    }

    /// The steps minus the changes to anything in `unchanged` ("but leave the backend alone");
    /// a pod counts as its deployment. Reads of those objects stay.
    public func withoutChanges(to unchanged: [TargetPhrase], in steps: [PlannedStep]) throws(ResolutionError) -> [PlannedStep] {
        guard !unchanged.isEmpty else { return steps }
        var kept = Set<String>()
        for phrase in unchanged {
            let found = ([snapshot] + snapshot.neighbours).flatMap { Resolver(snapshot: $0).objects(named: phrase, kinds: [.deployment, .pod]) }
            if found.isEmpty { throw unknown(phrase, kinds: [.deployment, .pod]) }
            kept.formUnion(found.map(\.name))
        }
        return steps.filter { step in
            guard step.operation.name.isChange, let target = step.operation.target else { return true }
            let owner = snapshot.pods.first { $0.name == target.name }?.deployment
            return !kept.contains(target.name) && !(owner.map(kept.contains) ?? false)
        }
    }

    // MARK: - Targets

    private func resolveTarget(of draft: DraftStep) throws(ResolutionError) -> ObjectReference? {
        guard let phrase = draft.target else { return nil }
        var kinds = draft.operation.targetRule.kinds
        if draft.operation == .list { kinds = [.deployment] }
        if let hint = phrase.kindHint, kinds.contains(hint) {
            // "the backend pod" for an operation that works on deployments means the deployment's pods, unless one pod is meant.
            let lifts = hint == .pod && kinds.contains(.deployment) && objects(named: phrase, kinds: [.pod]).count != 1
                && !objects(named: phrase, kinds: [.deployment]).isEmpty
            kinds = lifts ? [.deployment] : [hint]
        }
        let matches = objects(named: phrase, kinds: kinds)
        switch matches.count {
        case 1: return matches[0]
        case 0: throw unknown(phrase, kinds: kinds)
        default:
            let names = matches.map(\.name)
            throw ResolutionError(.ambiguous, problem: "\"\(phrase)\" could mean \(matches.count) objects: \(names.joined(separator: ", ")).",
                                  remedy: "Which one do you mean? Name it exactly.", candidates: names)
        }
    }

    /// Objects of `kinds` that the phrase names; deployments win over pods when both would match.
    private func objects(named phrase: TargetPhrase, kinds: [ObjectKind]) -> [ObjectReference] {
        let matcher = NameMatcher(snapshot: snapshot)
        let namespace = snapshot.namespace
        func lookup(_ term: String) -> [ObjectReference] {
            if kinds.contains(.deployment) {
                let deployments = matcher.deployments(matching: term)
                if !deployments.isEmpty { return deployments.map { ObjectReference(kind: .deployment, namespace: namespace, name: $0.name) } }
            }
            guard kinds.contains(.pod) else { return [] }
            return matcher.pods(matching: term).map { ObjectReference(kind: .pod, namespace: namespace, name: $0.name) }
        }
        let whole = lookup(phrase.words.joined(separator: "-"))
        if !whole.isEmpty || phrase.words.count == 1 { return whole }
        var found: [ObjectReference] = []
        for word in phrase.words {
            for object in lookup(word) where !found.contains(object) { found.append(object) }
        }
        return found
    }

    private func unknown(_ phrase: TargetPhrase, kinds: [ObjectKind]) -> ResolutionError {
        let words = phrase.words.joined(separator: "-")
        if !kinds.contains(.pod), let pod = snapshot.pods.first(where: { $0.name == words }), let owner = pod.deployment {
            return ResolutionError(.unusable, problem: "\(pod.name) is a pod of deployment \(owner), and this operation acts on deployments.",
                                   remedy: "Name the deployment instead (\(owner)); to replace just this pod, \"delete pod \(pod.name)\".",
                                   candidates: [owner])
        }
        var existing: [String] = []
        if kinds.contains(.deployment) {
            existing += snapshot.deployments.map { deployment in
                deployment.component.map { "\(deployment.name) (\($0))" } ?? deployment.name
            }
        }
        if kinds.contains(.pod) && (phrase.kindHint == .pod || !kinds.contains(.deployment)) {
            existing += snapshot.pods.map(\.name)
        }
        let what = kinds.map(\.noun).joined(separator: " or ")
        let list = existing.isEmpty ? "there are none" : "there are: \(existing.joined(separator: ", "))"
        return ResolutionError(.unknown, problem: "There is no \(what) called \"\(phrase.words.joined(separator: " "))\" in namespace \(snapshot.namespace); \(list).",
                               remedy: "Use one of those names, or its role (backend, frontend, db).", candidates: existing)
    }

    private func required(_ target: ObjectReference?, _ draft: DraftStep) throws(ResolutionError) -> ObjectReference {
        guard let target else {
            let kinds = draft.operation.targetRule.kinds.map(\.noun).joined(separator: " or ")
            throw ResolutionError(.missing, problem: "\(draft.operation) needs a \(kinds) to act on, and the request names none.",
                                  remedy: "Name one, e.g. \"\(draft.operation) backend\".")
        }
        return target
    }

    private func missing(_ what: String, for draft: DraftStep, example: String) -> ResolutionError {
        ResolutionError(.missing, problem: "\(draft.operation) needs \(what), and the request gives none.",
                        remedy: "Say it, e.g. \"\(example)\".")
    }

    // MARK: - Arguments against the object

    private func scopedSelector(_ selector: LabelSelector?, target: ObjectReference?) throws(ResolutionError) -> LabelSelector? {
        guard let target, let deployment = snapshot.deployments.first(where: { $0.name == target.name }) else { return selector }
        let scope = LabelSelector(matching: deployment.selector)
        guard let selector else { return scope }
        do {
            return try LabelSelector("\(scope.text),\(selector.text)")
        } catch {
            throw ResolutionError(.unusable, problem: error.problem, remedy: error.remedy)
        }
    }

    private func replicas(_ draft: DraftStep, before: DeploymentState?, of deployment: ObjectReference) throws(ResolutionError) -> ReplicaCount {
        switch draft.replicas {
        case .exactly(let count):
            return count
        case .relative(let delta):
            guard let current = before?.replicas else {
                throw ResolutionError(.unusable, problem: "The current replica count of \(deployment.name) is not known, so \"by \(delta)\" cannot be worked out.",
                                      remedy: "Give the number of replicas you want, e.g. \"scale \(deployment.name) to 3\".")
            }
            guard current + delta >= 0 else {
                throw ResolutionError(.unusable, problem: "\(deployment.name) has \(current) \(current == 1 ? "replica" : "replicas"); removing \(-delta) would leave \(current + delta).",
                                      remedy: "Scale down by at most \(current), or to 0 to stop it.")
            }
            do { return try ReplicaCount(current + delta) } catch {
                throw ResolutionError(.unusable, problem: error.problem, remedy: error.remedy)
            }
        case .proportional(let numerator, let denominator):
            guard let current = before?.replicas else {
                throw ResolutionError(.unusable, problem: "The current replica count of \(deployment.name) is not known, so it cannot be multiplied.",
                                      remedy: "Give the number of replicas you want, e.g. \"scale \(deployment.name) to 3\".")
            }
            do { return try ReplicaCount(max(1, current * numerator / denominator)) } catch {
                throw ResolutionError(.unusable, problem: error.problem, remedy: error.remedy)
            }
        case nil:
            throw missing("a replica count", for: draft, example: "scale \(deployment.name) to 3")
        }
    }

    private func check(container: ContainerName?, in object: ObjectReference) throws(ResolutionError) {
        guard let container, object.kind == .deployment,
              let deployment = snapshot.deployments.first(where: { $0.name == object.name }),
              !deployment.containers.contains(where: { $0.name == container.value }) else { return }
        let names = deployment.containers.map(\.name)
        throw ResolutionError(.unknown, problem: "Deployment \(object.name) has no container called \(container); it has \(names.joined(separator: ", ")).",
                              remedy: "Name one of those containers.", candidates: names)
    }

    /// "deploy backend version 1.2.0": the image the container runs now, with the new tag.
    private func retagged(_ object: ObjectReference, container: ContainerName?, tag: String?) throws(ResolutionError) -> ImageReference? {
        guard let tag, let deployment = snapshot.deployments.first(where: { $0.name == object.name }),
              let current = deployment.containers.first(where: { container == nil || $0.name == container?.value }) else { return nil }
        let repository = current.image.split(separator: "@").first.map { part -> String in
            guard let colon = part.lastIndex(of: ":"), !part[colon...].contains("/") else { return String(part) }
            return String(part[..<colon])
        } ?? current.image
        do {
            return try ImageReference("\(repository):\(tag)")
        } catch {
            throw ResolutionError(.unusable, problem: error.problem, remedy: error.remedy)
        }
    }

    private func checkSingleContainer(_ container: ContainerName?, in object: ObjectReference) throws(ResolutionError) {
        guard container == nil, let deployment = snapshot.deployments.first(where: { $0.name == object.name }),
              deployment.containers.count > 1 else { return }
        let names = deployment.containers.map(\.name)
        throw ResolutionError(.ambiguous, problem: "Deployment \(object.name) has \(names.count) containers: \(names.joined(separator: ", ")).",
                              remedy: "Which one should get the new image? Say \"container NAME\".", candidates: names)
    }

    private func check(revision: Revision?, of deployment: ObjectReference, current: Int?) throws(ResolutionError) {
        guard let current else { return }
        guard let revision else {
            guard current > 1 else {
                throw ResolutionError(.unusable, problem: "Deployment \(deployment.name) is at its first revision, so there is nothing to roll back to.",
                                      remedy: "\"rollout history \(deployment.name)\" lists its revisions.")
            }
            return
        }
        if revision.value == current {
            throw ResolutionError(.unusable, problem: "Deployment \(deployment.name) is already at revision \(current).",
                                  remedy: "Pick an earlier revision; \"rollout history \(deployment.name)\" lists them.")
        }
        if revision.value > current {
            throw ResolutionError(.unknown, problem: "Deployment \(deployment.name) has no revision \(revision) (it is at revision \(current)).",
                                  remedy: "Pick an earlier revision; \"rollout history \(deployment.name)\" lists them.")
        }
    }
}

import Foundation
import KaiConfig
import KaiCore
import KaiExecutor
import KaiInterpreter
import KaiKube
import KaiPlanning
import KaiPolicy
import KaiProviders
import KaiTerminal

/// The model a command may ask, when one is configured, and how what it says is shown: streamed
/// text on standard output, its reads on standard error, one JSON document with `-o json`.
public struct ModelSession: Sendable {
    public let configuration: Configuration
    /// nil when no provider is configured or the interpreter is local.
    public let provider: (any ModelProvider)?
    public let prompts: Prompts
    public let output: OutputFormat
    public let verbose: Bool

    /// Runs `body` with the session `configuration` asks for, and closes its connections however
    /// `body` ends; throws when the provider settings or prompts cannot be used.
    public static func with<T>(_ configuration: Configuration, output: OutputFormat, verbose: Bool,
                        _ body: (ModelSession) async throws -> T) async throws -> T {
        let endpoint = configuration.interpreter.value == .local ? nil : try ProviderEndpoint.from(configuration)
        let prompts = try Prompts.load(folder: configuration.prompts.value)
        let session = ModelSession(configuration: configuration, provider: endpoint.map(Providers.make), prompts: prompts,
                                   output: output, verbose: verbose)
        do {
            let result = try await body(session)
            await session.provider?.shutdown()
            return result
        } catch {
            await session.provider?.shutdown()
            throw error
        }
    }

    /// The model that explains diagnoses, when one is configured.
    public var explainer: DiagnosisExplainer? { provider.map { DiagnosisExplainer(provider: $0, prompts: prompts) } }

    /// The plan for `request` read from the cluster: from the deployments and autoscalers of
    /// `namespace` alone (two list calls) when that is certainly the plan the whole snapshot gives
    /// (``Planner/quickPlan(_:client:namespace:policy:)``), else from the whole snapshot, asking the
    /// model when one is configured; nil when the model answered in text (the answer is shown).
    public func plan(_ request: String, client: KubeClient, namespace: String, policy: Policy) async throws -> Plan? {
        if configuration.interpreter.value != .model,
           let quick = try await Planner.quickPlan(request, client: client, namespace: namespace, policy: policy) {
            return quick
        }
        let snapshot = try await ClusterSnapshot.read(from: client, namespace: namespace, alsoReading: policy.namespaces)
        return try await plan(request, snapshot: snapshot, policy: policy, client: client)
    }

    /// The plan for `request` against `snapshot`, or nil when the model answered it in text (the answer is shown).
    public func plan(_ request: String, snapshot: ClusterSnapshot, policy: Policy, client: KubeClient) async throws -> Plan? {
        let planner = Planner(snapshot: snapshot, policy: policy)
        let text = output == .text
        let progress = ProgressDisplay(quiet: !text)
        let model = modelPlanner(planner, snapshot: snapshot, policy: policy, client: client,
                                 onText: { piece in if text { Console.out(piece) } },
                                 onRead: { words in
                                     guard text, let provider else { return }
                                     Console.error(Paint.standardError.dim("Looking at \(words)…") + "\n")
                                     progress.waiting("Asking \(provider.name)…")
                                 })
        if let provider { progress.waiting("Asking \(provider.name)…") }
        switch try await RequestInterpreter(planner: planner, model: model, mode: configuration.interpreter.value).interpret(request) {
        case .plan(let plan):
            if let use = plan.model {
                if text, plan.note != nil { Console.out("\n") }
                if verbose { Console.error(PlanText.render(model: use)) }
            }
            return plan
        case .answer(let answer, let use):
            switch output {
            case .json: Console.out(PlanDocument(request: request, answer: answer, model: use).json())
            case .text: Console.out("\n")
            }
            if verbose { Console.error(PlanText.render(model: use)) }
            return nil
        }
    }
}

extension ModelSession {
    /// The model's side of planning against `snapshot`, when a provider is configured: it may read
    /// (what the policy allows) before it proposes; `onText` gets its words, `onRead` what it looks at.
    public func modelPlanner(_ planner: Planner, snapshot: ClusterSnapshot, policy: Policy, client: KubeClient,
                      onText: @escaping @Sendable (String) -> Void, onRead: @escaping @Sendable (String) -> Void) -> ModelPlanner? {
        provider.map { provider in
            ModelPlanner(provider: provider, planner: planner, prompts: prompts, maxRounds: configuration.maxRounds.value,
                         summary: { await ClusterSummary.text(snapshot, warnings: ClusterSummary.warnings(in: snapshot.namespace, client: client)) },
                         read: { operation in try await ReadRunning.read(operation, client: client, policy: policy) },
                         onText: onText, onRead: onRead)
        }
    }

    /// The plan for `request` with nothing shown (for `kai mcp`, whose standard output is the protocol);
    /// a model that answers in text instead is an error carrying its answer.
    public func silentPlan(_ request: String, snapshot: ClusterSnapshot, policy: Policy, client: KubeClient) async throws -> Plan {
        let planner = Planner(snapshot: snapshot, policy: policy)
        let model = modelPlanner(planner, snapshot: snapshot, policy: policy, client: client, onText: { _ in }, onRead: { _ in })
        switch try await RequestInterpreter(planner: planner, model: model, mode: configuration.interpreter.value).interpret(request) {
        case .plan(let plan): return plan
        case .answer(let answer, _):
            throw RequestError(problem: "The model answered in words instead of planning: \(answer)",
                               remedy: "Ask for something kai's catalog does, e.g. \"scale the backend to 3\" or \"why is the backend failing\".")
        }
    }
}

/// The executor's reads, for a model that looks before it proposes; a diagnosis it asks for offers
/// only the fixes `policy` allows, as the person's own would.
public enum ReadRunning {
    public static func read(_ operation: CatalogOperation, client: KubeClient, policy: Policy) async throws -> [String] {
        var executor = Executor(client: client, audit: AuditLog.standard(), context: AuditContext(endpoint: client.endpoint))
        executor.policy = policy
        return try await executor.read(operation)
    }
}

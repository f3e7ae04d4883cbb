import Foundation
import KaiCore
import KaiInterpreter
import KaiKube
import KaiProviders

/// Asks a model what a request means, when the grammar is not sure (or always, when told to).
///
/// The model sees a summary of the cluster, the request, and the tools the request's words allow
/// (``RequestCues``: every read, and the changes it asks for). Reads it calls run at once and their
/// results go back to it, for at most `maxRounds` rounds, until the reads the request asks for are made.
/// A reply that leaves a part of the request without a call is asked about once (some local servers
/// send one call a reply); a change the request's words did not ask for becomes a suggestion. A reply with a
/// change ends the loop in a plan that goes through the resolver and policy like the grammar's,
/// and then through confirmation. A text reply is an answer, or a refusal when it says kai cannot
/// do it (``ModelRefusal``); text that is plainly a tool call is read as one (``DisguisedToolCall``).
/// Every tool call is untrusted: one that cannot be used is sent back once with what is wrong, and
/// then kai gives up; a reply with more calls than a plan may have steps is refused outright. An empty
/// reply after reads leaves those reads as the plan (so does a second unusable one), and one before any
/// read is asked again once; a conversation too long for the server's
/// context is sent again with the reads' results clipped shorter.
/// The final plan is checked against the request (``PlanGrounding``): a change on something the
/// request did not name, or proposed for a request that asks for none, never runs on `--yes` alone.
public struct ModelPlanner: Sendable {
    public let provider: any ModelProvider
    /// Resolves and checks the model's drafts against the snapshot and policy.
    public let planner: Planner
    public let prompts: Prompts
    public let maxRounds: Int
    /// The cluster as the model sees it (``ClusterSummary``), read only when the model is asked.
    public let summary: @Sendable () async -> String
    /// Runs a read operation and returns its lines; the executor's reads.
    public let read: @Sendable (CatalogOperation) async throws -> [String]
    /// The model's text, each round once it is whole (so that a disguised tool call is never shown).
    public let onText: @Sendable (String) -> Void
    /// Each read the model made, in words, as it runs.
    public let onRead: @Sendable (String) -> Void

    public init(provider: any ModelProvider, planner: Planner, prompts: Prompts, maxRounds: Int, summary: @escaping @Sendable () async -> String,
                read: @escaping @Sendable (CatalogOperation) async throws -> [String],
                onText: @escaping @Sendable (String) -> Void = { _ in }, onRead: @escaping @Sendable (String) -> Void = { _ in }) {
        self.provider = provider
        self.planner = planner
        self.prompts = prompts
        self.maxRounds = maxRounds
        self.summary = summary
        self.read = read
        self.onText = onText
        self.onRead = onRead
    }

    /// What the model made of a request.
    public enum Outcome: Sendable {
        /// A checked plan (possibly a refusal) to confirm and run.
        case plan(Plan)
        /// A text answer, and what asking cost.
        case answer(String, ModelUse)
    }

    /// Plans `request` with the model. Throws ``ProviderError`` when the provider fails or its replies cannot be used.
    public func plan(_ request: String) async throws -> Outcome {
        let cues = RequestCues(request, otherNamespaces: Self.otherNamespaces(planner.snapshot), vocabulary: planner.vocabulary)
        let allowed = OperationName.allCases.filter { !planner.policy.disabledOperations.contains($0) }
        // What the first round offers, and what rounds after reads offer: "act on them" gets the changes once reads
        // have shown what to do.
        let offeredFirst = cues.shortlist(of: allowed)
        let offeredAfterReads = cues.shortlist(of: allowed, afterReads: true)
        let toolsFirst = ToolCatalog.definitions(for: offeredFirst, detail: .compact(cues))
        let toolsAfterReads = offeredAfterReads == offeredFirst
            ? toolsFirst : ToolCatalog.definitions(for: offeredAfterReads, detail: .compact(cues))
        // What stays the same from one request to the next comes first, for a local server's prompt cache:
        // the rules naming every allowed tool, the reads, the cluster; then the changes offered and the request.
        let system = prompts.systemPrompt(namespace: planner.snapshot.namespace, maxRounds: maxRounds, tools: allowed)
        var messages: [ModelMessage] = [.user(Self.firstMessage(request, summary: await summary(), cues: cues))]
        var use = ModelUse(provider: provider.name)
        var corrected = false
        var askedAgain = false
        var requiredTool: String?
        var readRounds = 0
        var reads = ReadResults()
        var readSteps: [PlannedStep] = []
        // Changes already planned while kai asks whether the request holds more (``continuationPrompt``).
        var continuing: [DraftStep]?
        let clock = ContinuousClock()
        while true {
            let started = clock.now
            // Text is held back until the round is whole: a tool call in disguise is never shown as an answer.
            let whole: ModelReply
            do {
                let tools = readRounds > 0 ? toolsAfterReads : toolsFirst
                var asked = ModelRequest(system: system, messages: messages, tools: tools, maxTokens: Self.maxReplyTokens)
                asked.requiredTool = requiredTool
                // Until reads come back or the rest is asked for, the reply should hold as many calls as the request asks for.
                asked.callCount = readRounds == 0 && continuing == nil ? cues.callCount : nil
                whole = try await provider.complete(asked, onText: { _ in })
            } catch let error as ProviderError where error.reason == .contextOverflow && reads.canShrink {
                // The reads' results made the conversation too long for the server: send them shorter.
                messages = reads.shrinking(messages)
                continue
            }
            let reply = Self.undisguised(whole)
            requiredTool = nil
            let elapsed = started.duration(to: clock.now)
            use.roundTrips += 1
            use.usage = use.usage + reply.usage
            use.seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            guard reply.toolCalls.count <= Planner.maximumSteps else {
                throw unusable("the model asked for \(reply.toolCalls.count) calls, at most \(Planner.maximumSteps)", sent: whole)
            }
            if let planned = continuing, reply.toolCalls.isEmpty || reply.toolCalls.count + planned.count > Planner.maximumSteps {
                // Asked for the rest of the request, the model had nothing more (or too much): the plan stands as it was.
                return .plan(try finish(request, drafts: planned, note: nil, use: use, reads: readSteps, cues: cues))
            }
            if reply.toolCalls.isEmpty {
                let text = reply.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty, !readSteps.isEmpty {
                    // The reads it made stand as the plan: what they show is worth more than an empty reply.
                    return .plan(readsStanding(request, readSteps, use: use, "the model read this and then said nothing more"))
                }
                if text.isEmpty {
                    // Some local servers turn a reply the model began as text into nothing: ask once more.
                    guard !askedAgain else { throw unusable("it answered with neither text nor a tool call", sent: whole) }
                    askedAgain = true
                    messages.append(.user(Self.emptyReplyCorrection))
                    // When the request's words point to one tool, that tool is required: some local servers let a
                    // model that began a text reply write nothing at all.
                    let offered = readRounds > 0 ? offeredAfterReads : offeredFirst
                    requiredTool = cues.onlyOperation.flatMap { offered.contains($0) ? $0.rawValue : nil }
                    continue
                }
                if let refusal = ModelRefusal.refusal(in: text) {
                    var plan = Plan(request: request, interpreter: .model, refusal: refusal)
                    plan.model = use
                    return .plan(plan)
                }
                onText(reply.text)
                return .answer(text, use)
            }
            onText(reply.text)
            // A call to an allowed tool that was not offered is checked like any other; a change the request's
            // words do not ask for becomes a suggestion when the plan is grounded.
            let checked = reply.toolCalls.map { call in (call, check(call, offered: allowed)) }
            let problems = checked.compactMap { call, result -> (ToolCall, any KaiError)? in
                if case .problem(let error) = result { (call, error) } else { nil }
            }
            let drafts = checked.compactMap { _, result -> DraftStep? in if case .draft(let draft) = result { draft } else { nil } }
            messages.append(.assistant(text: reply.text, toolCalls: reply.toolCalls))
            if let planned = continuing, !problems.isEmpty {
                // What it added for the rest of the request cannot be used: the plan stands as it was, and says so.
                var plan = try finish(request, drafts: planned, note: nil, use: use, reads: readSteps, cues: cues)
                plan.understanding.append("the model's further call could not be used: " + problems.map { "\($0.0.name): \($0.1.problem)" }.joined(separator: "; "))
                return .plan(plan)
            }
            if !problems.isEmpty {
                guard !corrected else {
                    if !readSteps.isEmpty {
                        // After reads, a second unusable reply leaves those reads as the plan, as an empty one does.
                        return .plan(readsStanding(request, readSteps, use: use, "the model read this and then sent a reply that could not be used"))
                    }
                    let said = problems.map { call, error in
                        "\(call.name): " + (error.problem.hasSuffix(".") ? String(error.problem.dropLast()) : error.problem)
                    }
                    throw unusable(said.joined(separator: "; "), sent: whole)
                }
                corrected = true
                // A call that came with no arguments at all (a local server that let the model write only the
                // tool's name) is asked for again with that tool required, so that the server asks for its arguments.
                if reply.toolCalls.count == 1, let call = reply.toolCalls.first, allowed.map(\.rawValue).contains(call.name),
                   ["", "{}"].contains(call.arguments.filter { !$0.isWhitespace }) {
                    requiredTool = call.name
                }
                messages += checked.map { call, result in
                    switch result {
                    case .problem(let error):
                        .toolResult(ToolResult(callID: call.id, name: call.name, content: "Not run: \(error.problem) \(error.remedy)", isError: true))
                    case .draft:
                        .toolResult(ToolResult(callID: call.id, name: call.name,
                                               content: "Not run, because another call in this reply could not be used; send every call again, corrected.",
                                               isError: true))
                    }
                }
                // Said once more in words: some local servers' chat templates show the model no tool results.
                messages.append(.user(Self.correctionPrompt(problems.map { "\($0.0.name): \($0.1.problem)" })))
                continue
            }
            let isRead = drafts.allSatisfy { !$0.operation.isChange }
            if isRead, readRounds > 0, cues.isAnswered(byReads: readSteps.map(\.operation.name)) {
                // The request asks only for reads and each is made: more reads are the model wandering (a server
                // that shows it no tool results asks for them again and again). kai shows what the request asked for.
                return .plan(readsStanding(request, readSteps, use: use, nil))
            }
            if let planned = continuing {
                return .plan(try finish(request, drafts: planned + drafts.filter { !planned.contains($0) }, note: reply.text, use: use, reads: readSteps, cues: cues))
            }
            let unanswered = cues.unanswered(by: readSteps.map(\.operation.name) + drafts.map(\.operation))
            if !isRead, unanswered != .nothing, drafts.count < Planner.maximumSteps {
                // Some part of the request has no call (some servers send one call a reply): ask for the rest, once.
                continuing = drafts
                messages += reply.toolCalls.map { .toolResult(ToolResult(callID: $0.id, name: $0.name, content: "Planned; it runs once the person confirms.", isError: false)) }
                messages.append(.user(Self.continuationPrompt(unanswered)))
                continue
            }
            var plan = try planner.plan(request, drafts: drafts, interpreter: .model)
            plan.note = reply.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : reply.text
            if isRead, readRounds >= maxRounds, plan.refusal == nil {
                // Out of rounds on reads: every read the model made stands, not only its last.
                return .plan(readsStanding(request, readSteps + plan.steps.filter { !readSteps.contains($0) }, use: use, nil))
            }
            guard isRead, readRounds < maxRounds, plan.refusal == nil else {
                plan.model = use
                return .plan(PlanGrounding(planner: planner).ground(plan, reads: readSteps, cues: cues))
            }
            readRounds += 1
            for (call, step) in zip(reply.toolCalls, plan.steps) {
                onRead(step.operation.inWords)
                if !readSteps.contains(step) { readSteps.append(step) }
                use.reads = readSteps
                messages.append(.toolResult(await run(step.operation, call: call, into: &reads)))
            }
        }
    }

    /// The longest reply asked for, in tokens: a plan's calls or a few sentences fit well inside it, and a
    /// model that loops (whitespace, repeated text) stops within seconds, not minutes.
    static let maxReplyTokens = 400

    /// The cluster's summary, then the request, then the tools its words point to when kai can tell (a
    /// hint a small model needs between neighbours such as describe and diagnose; the model may call others).
    static func firstMessage(_ request: String, summary: String, cues: RequestCues) -> String {
        var message = summary + "\n\nRequest: " + request
        if let operations = cues.operations, !operations.isEmpty {
            message += "\nIts words point to: " + OperationName.allCases.filter(operations.contains).map(\.rawValue).joined(separator: ", ") + "."
        }
        return message
    }

    /// The namespaces the cluster has besides the snapshot's: a request naming one gets tools with a `namespace` argument.
    static func otherNamespaces(_ snapshot: ClusterSnapshot) -> Set<String> {
        Set(snapshot.neighbours.map(\.namespace) + snapshot.knownNamespaces).subtracting([snapshot.namespace])
    }

    /// The checked plan of `drafts`, with the model's `note`, what asking cost, and grounded in the request after `reads`.
    private func finish(_ request: String, drafts: [DraftStep], note: String?, use: ModelUse, reads: [PlannedStep],
                        cues: RequestCues) throws -> Plan {
        var plan = try planner.plan(request, drafts: drafts, interpreter: .model)
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        plan.note = note.isEmpty ? nil : note
        plan.model = use
        return PlanGrounding(planner: planner).ground(plan, reads: reads, cues: cues)
    }

    /// What the model is told, once, after a reply that leaves `remainder` of the request without a call.
    static func continuationPrompt(_ remainder: RequestCues.Remainder) -> String {
        let said = if case .parts(let parts) = remainder {
            "The request also says " + parts.map { "\"\($0)\"" }.joined(separator: " and ") + ": call what that asks for now"
        } else {
            "The request asks for more than those calls: call the rest now"
        }
        return said + ", or reply with nothing if your calls already cover it."
    }

    /// What the model is told, in words, after calls kai could not use: each one's problem.
    static func correctionPrompt(_ problems: [String]) -> String {
        "kai did not run your calls. " + problems.joined(separator: "; ") + ". Send every call again, corrected."
    }

    /// The reads the model made, standing as the plan; `why` says why, when what it sent next cannot be used.
    private func readsStanding(_ request: String, _ reads: [PlannedStep], use: ModelUse, _ why: String?) -> Plan {
        var plan = Plan(request: request, interpreter: .model, steps: reads)
        plan.understanding = why.map { [$0] } ?? []
        plan.model = use
        return plan
    }

    /// What the model is told after an empty reply, once.
    static let emptyReplyCorrection = "Your reply was empty. Call the tool this request needs (a read shows the person its result), "
        + "or answer in words."

    /// `reply` with text that is plainly a tool call (``DisguisedToolCall``) read as that call, to be
    /// checked like any other.
    static func undisguised(_ reply: ModelReply) -> ModelReply {
        guard reply.toolCalls.isEmpty, let calls = DisguisedToolCall.calls(in: reply.text) else { return reply }
        return ModelReply(text: "", toolCalls: calls, usage: reply.usage)
    }

    /// The draft `call` asks for, resolved against the cluster so that an invented name is caught here.
    private func check(_ call: ToolCall, offered: [OperationName]) -> Checked {
        switch ToolCallReader.draft(call, offered: offered) {
        case .failure(let error): return .problem(error)
        case .success(let draft):
            do {
                _ = try Resolver(snapshot: planner.snapshot).resolve(draft)
                return .draft(draft)
            } catch let error as any KaiError {
                return .problem(error)
            } catch {
                return .problem(RequestError(problem: "\(error)", remedy: ""))
            }
        }
    }

    /// A tool call as checked: the draft it asks for, or what is wrong with it.
    private enum Checked {
        case draft(DraftStep)
        case problem(any KaiError)
    }

    /// Runs one read and returns what it shows as cluster data, clipped (``ReadResults``), or why it failed.
    private func run(_ operation: CatalogOperation, call: ToolCall, into reads: inout ReadResults) async -> ToolResult {
        do {
            return reads.record(try await read(operation), for: call)
        } catch let error as any KaiError {
            return ToolResult(callID: call.id, name: call.name, content: "The read failed: \(error.problem)", isError: true)
        } catch {
            return ToolResult(callID: call.id, name: call.name, content: "The read failed.", isError: true)
        }
    }

    /// The error for a reply that cannot be used, saying what the model sent (``SentText``).
    private func unusable(_ why: String, sent reply: ModelReply) -> ProviderError {
        let why = why.hasSuffix(".") ? String(why.dropLast()) : why
        return ProviderError(.unusableReply, problem: "The model's reply could not be used: \(why). It sent: \(SentText.describe(reply)).",
                      remedy: "Nothing was run. Rephrase the request, or name the operation (\"scale backend to 3\") so the local grammar can plan it.")
    }
}

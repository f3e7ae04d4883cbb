import Foundation
import KaiCore
import KaiExecutor
import KaiKube
import KaiPlanning
import KaiPolicy
import KaiTerminal
import MCP

/// Answers `tools/call` for one session: arguments read as strictly as a model's tool call, the
/// step resolved and checked by the policy, reads run at once, and a change run only with the
/// person's consent (the client's form, else `kai approve ID`) or the server's `--yes`.
struct ToolCalls: Sendable {
    let kai: KaiMCPServer
    let server: Server
    let session: ClientSession

    /// The result of calling `name` with `arguments`; every failure is a tool error saying what was wrong.
    func call(_ name: String, _ arguments: [String: Value]) async -> CallTool.Result {
        guard await kai.limiter.enter() else {
            return Self.failure("kai is already running \(kai.limiter.maximum) tool calls, its bound. Nothing was run.",
                                remedy: "Call again when one of them has finished.")
        }
        let result = await dispatch(name, arguments)
        await kai.limiter.leave()
        return result
    }

    private func dispatch(_ name: String, _ arguments: [String: Value]) async -> CallTool.Result {
        do {
            if name == CatalogTools.planTool { return try await plan(arguments) }
            let draft: DraftStep
            switch Self.draft(name, arguments, offered: kai.operations, policy: kai.policy) {
            case .success(let step): draft = step
            case .failure(let error): return Self.failure(error)
            }
            let snapshot = try await kai.snapshot()
            let plan = try Planner(snapshot: snapshot, policy: kai.policy)
                .plan(Self.request(name, arguments), drafts: [draft], interpreter: .agent)
            if let refusal = plan.refusal { return Self.failure(refusal, document: MCPValue.document(PlanDocument(plan))) }
            return await run(plan)
        } catch let error as any KaiError {
            return Self.failure(error)
        } catch {
            return Self.failure("The call failed: \(error).", remedy: "")
        }
    }

    /// The draft step for tool `name`, or what is wrong with the call.
    static func draft(_ name: String, _ arguments: [String: Value], offered: [OperationName], policy: Policy) -> Result<DraftStep, ArgumentError> {
        guard let operation = OperationName(rawValue: name), offered.contains(operation) else {
            let known = OperationName(rawValue: name)
            let why = if let known, policy.disabledOperations.contains(known) { " (the policy \(policy.source) switches it off)" }
                else if known?.isChange == true, policy.readOnly { " (kai mcp is read-only here: it offers no change tools)" }
                else { "" }
            return .failure(ArgumentError(argument: nil, problem: "There is no tool \"\(MCPValue.cleanText(String(name.prefix(60))))\"\(why).",
                                          remedy: "Call one of \((offered.map(\.rawValue) + [CatalogTools.planTool]).joined(separator: ", "))."))
        }
        do {
            return .success(try DraftBuilder.draft(operation, arguments.mapValues(MCPValue.argument)))
        } catch {
            return .failure(error)
        }
    }

    /// The request an audit record shows for a tool call, arguments in the catalog's order: "scale target=backend replicas=3".
    static func request(_ name: String, _ arguments: [String: Value]) -> String {
        let order = (OperationName(rawValue: name)?.parameters.map(\.name) ?? []) + ["namespace"]
        let sorted = arguments.sorted { (order.firstIndex(of: $0.key) ?? order.count, $0.key) < (order.firstIndex(of: $1.key) ?? order.count, $1.key) }
        return ([name] + sorted.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    }

    /// Reads at once; a change once consent is given, else an offer for `kai approve`.
    private func run(_ plan: Plan) async -> CallTool.Result {
        switch await ConfirmationGate(consent: kai.settings.consent, confirmer: nil).decide(plan) {
        case .run: return await execute(plan)
        case .refused: break
        }
        let planText = PlanText.render(plan, running: true)
        guard await session.canElicit else { return await offer(plan, planText: planText) }
        let confirmer = ElicitationConfirmer(server: server, planText: planText)
        switch await ConfirmationGate(consent: kai.settings.consent, confirmer: confirmer).decide(plan) {
        case .run: return await execute(plan)
        case .refused(let error):
            return Self.result(text: planText + PlanText.render(error: error), document: MCPValue.document(ReportDocument(notRun: plan, because: error)),
                               isError: true)
        }
    }

    private func execute(_ plan: Plan) async -> CallTool.Result {
        let report = await kai.executor(agent: await session.name).run(plan)
        let text = ReportText.render(report, auditPath: kai.audit.path)
        if plan.steps.contains(where: { $0.operation.name == .diagnose }) {
            await kai.lastDiagnosis.record(MCPValue.cleanText(ReportDocument(report, auditPath: kai.audit.path).json()))
        }
        return Self.result(text: text, document: MCPValue.document(ReportDocument(report, auditPath: kai.audit.path)), isError: report.failure != nil)
    }

    /// No way to ask the person here: the plan waits for `kai approve ID` in their terminal.
    private func offer(_ plan: Plan, planText: String) async -> CallTool.Result {
        do {
            let approval = try kai.approvals.offer(plan, agent: await session.name, cluster: kai.context, lifetime: kai.settings.approvalLifetime)
            let until = ISO8601DateFormatter().string(from: approval.expires)
            let waiting = ConfirmationError(problem: "Nothing has run: this change waits for the person to approve it in their own terminal.",
                                            remedy: "Ask them to run: kai approve \(approval.id)   (before \(until); it runs at most once)")
            var document = MCPValue.document(PlanDocument(plan, error: waiting))
            if case .object(var members) = document {
                members["approval"] = .object(["id": .string(approval.id), "expires": .string(until), "command": .string("kai approve \(approval.id)")])
                document = .object(members)
            }
            let text = planText + "Waiting for the person: nothing has run. They approve it in their own terminal with\n"
                + "  kai approve \(approval.id)\n(before \(until); it runs at most once, on this cluster only).\n"
            return Self.result(text: text, document: document, isError: false)
        } catch {
            return Self.failure(error)
        }
    }

    /// `plan`: the checked plan for a request in plain language; nothing runs.
    private func plan(_ arguments: [String: Value]) async throws -> CallTool.Result {
        for key in arguments.keys.sorted() where key != "request" {
            return Self.failure(ArgumentError(argument: key, problem: "plan has no argument \"\(MCPValue.cleanText(String(key.prefix(60))))\".",
                                              remedy: "Its only argument is request."))
        }
        guard let request = arguments["request"]?.stringValue else {
            return Self.failure(ArgumentError(argument: "request", problem: "plan needs request: the request in plain language, as text.",
                                              remedy: "Give request, e.g. {\"request\": \"scale the backend to 3\"}."))
        }
        guard request.count <= Self.longestRequest else {
            return Self.failure(ArgumentError(argument: "request", problem: "The request has \(request.count) characters; plan takes at most \(Self.longestRequest).",
                                              remedy: "Send the person's request itself, not a document."))
        }
        let plan = try await kai.planRequest(request, try await kai.snapshot())
        let text = PlanText.render(plan)
        return Self.result(text: text, document: MCPValue.document(PlanDocument(plan)), isError: plan.refusal != nil)
    }

    /// The longest request `plan` reads: a person's request, not a document to act on.
    static let longestRequest = 2000

    static func result(text: String, document: Value, isError: Bool) -> CallTool.Result {
        CallTool.Result(content: [.text(text: MCPValue.cleanText(text), annotations: nil, _meta: nil)], structuredContent: Optional.some(document), isError: isError)
    }

    static func failure(_ error: any KaiError, document: Value? = nil) -> CallTool.Result {
        result(text: PlanText.render(error: error), document: document ?? MCPValue.document(PlanDocument(request: "", interpreter: .agent, error: error)),
               isError: true)
    }

    static func failure(_ problem: String, remedy: String) -> CallTool.Result {
        failure(RequestError(problem: problem, remedy: remedy))
    }
}

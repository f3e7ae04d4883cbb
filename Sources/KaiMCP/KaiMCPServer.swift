import Foundation
import KaiCore
import KaiApprovals
import KaiExecutor
import KaiKube
import KaiPolicy
import MCP

/// kai's catalog as a Model Context Protocol server: one tool per operation plus `plan`, over any
/// of the SDK's transports. Each session (a stdio connection, an HTTP session) gets its own
/// ``start(on:)``; they share the cluster, the policy, the audit log and the bound on calls.
///
/// ```swift
/// let kai = KaiMCPServer(client: client, policy: policy, version: "0.1.0", settings: MCPSettings(), planRequest: plan)
/// let server = try await kai.start(on: StdioTransport())
/// await server.waitUntilCompleted()
/// ```
public struct KaiMCPServer: Sendable {
    /// Plans a request in plain language against a snapshot: the local grammar, and the configured model where it is unsure.
    public typealias RequestPlanner = @Sendable (String, ClusterSnapshot) async throws -> Plan

    public let client: KubeClient
    public let policy: Policy
    /// kai's version, as the server tells clients.
    public let version: String
    public let settings: MCPSettings
    public let audit: AuditLog
    public let approvals: ApprovalStore
    let planRequest: RequestPlanner
    let limiter: CallLimiter
    /// The last diagnose call's report, shared by every session.
    let lastDiagnosis = LastDiagnosis()
    /// The operations offered as tools: reads only when the policy is read-only.
    let operations: [OperationName]

    /// A server acting through `client`, checking against `policy`, recording to `audit` and offering approvals in `approvals`.
    public init(client: KubeClient, policy: Policy, version: String, settings: MCPSettings, audit: AuditLog = .standard(), approvals: ApprovalStore = .standard(),
                planRequest: @escaping RequestPlanner) {
        self.client = client
        self.policy = policy
        self.version = version
        self.settings = settings
        self.audit = audit
        self.approvals = approvals
        self.planRequest = planRequest
        limiter = CallLimiter(maximum: settings.maximumConcurrentCalls)
        operations = CatalogTools.operations(readOnly: policy.readOnly).filter { !policy.disabledOperations.contains($0) }
    }

    /// Starts a session on `transport` and returns its server; it serves until the transport closes.
    public func start(on transport: any Transport) async throws -> Server {
        try await session(on: transport, canElicit: true).server
    }

    /// Starts a session on `transport`; the client's forms are used only where `canElicit` (a transport
    /// that can carry the server's own requests) and the client says it has them.
    func session(on transport: any Transport, canElicit: Bool) async throws -> (server: Server, client: ClientSession) {
        let server = Server(name: "kai", version: version, title: "kai: the todo-chatbot stack on Kubernetes, with typed, confirmed operations",
                            instructions: instructions, capabilities: Server.Capabilities(prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false),
                                                              tools: .init(listChanged: false)),
                            configuration: .default)
        let session = ClientSession()
        let calls = ToolCalls(kai: self, server: server, session: session)
        let tools = CatalogTools.tools(for: operations)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(CallTool.self) { parameters in await calls.call(parameters.name, parameters.arguments ?? [:]) }
        await server.withMethodHandler(ListResources.self) { _ in ListResources.Result(resources: ServerResources.list) }
        await server.withMethodHandler(ReadResource.self) { [self] parameters in try await ServerResources.read(parameters.uri, kai: self) }
        await server.withMethodHandler(ListPrompts.self) { _ in ListPrompts.Result(prompts: ServerPrompts.list) }
        await server.withMethodHandler(GetPrompt.self) { parameters in try ServerPrompts.get(parameters.name, parameters.arguments ?? [:]) }
        try await server.start(transport: transport) { info, capabilities in
            await session.begin(name: info.name, version: info.version, canElicit: canElicit && capabilities.elicitation?.form != nil)
        }
        return (server, session)
    }

    /// Where changes are recorded as made: the cluster, by the kubeconfig's user, for an agent.
    var context: AuditContext { AuditContext(endpoint: client.endpoint) }

    /// An executor for one call, its audit records naming `agent`.
    func executor(agent: String) -> Executor {
        var context = self.context
        context.agent = agent
        var executor = Executor(client: client, audit: audit, context: context, rolloutTimeout: settings.rolloutTimeout,
                                followRollouts: settings.followRollouts)
        executor.policy = policy
        return executor
    }

    /// The cluster as it is now, with the namespaces the policy allows.
    func snapshot() async throws -> ClusterSnapshot {
        try await ClusterSnapshot.read(from: client, namespace: client.endpoint.namespace, alsoReading: policy.namespaces)
    }

    /// What the client's model is told about this server.
    var instructions: String {
        var lines = [
            "kai operates the todo-chatbot stack in namespace \(client.endpoint.namespace) through a fixed catalog of typed operations; "
                + "it never runs command strings. Read tools run at once. Use `plan` to turn the person's own words into a checked plan.",
        ]
        if policy.readOnly {
            lines.append("This server is read-only: it offers no tools that change the cluster.")
        } else if settings.consent.yes {
            lines.append(settings.consent.allowDisruptive
                ? "Started with --yes --allow-disruptive: changes, disruptive ones included, run without asking the person. Every change is audited with your client's name."
                : "Started with --yes: change steps run without asking; disruptive ones (scale to 0, rollback, set image, delete pod) are still confirmed by the person. Every change is audited with your client's name.")
        } else {
            lines.append("Every change is confirmed by the person, never by you: through your client's form when it supports elicitation "
                + "(a disruptive step asks them to type the target's name), otherwise the call returns the plan and a one-time id, and the change runs "
                + "only when the person runs `kai approve ID` in their own terminal (the id expires and runs at most once). Tell the person the exact command. "
                + "Every change is audited with your client's name.")
        }
        return lines.joined(separator: "\n")
    }
}

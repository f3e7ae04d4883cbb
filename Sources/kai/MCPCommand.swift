import ArgumentParser
import KaiCore
import KaiExecutor
import KaiKube
import KaiMCP
import MCP

/// `kai mcp`: the catalog as a Model Context Protocol server for agents and editors.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve kai's typed operations to agents and editors over the Model Context Protocol.",
        discussion: """
        Each catalog operation is a tool with the JSON Schema kai's model providers use, and \
        `plan` turns a request in plain language into a checked plan. Reads run at once. A \
        change never runs on the agent's word: kai asks the person through the client's form \
        (elicitation; a disruptive step asks them to type the target's name), or, when the \
        client cannot ask, returns the plan with a one-time id that the person approves in \
        their own terminal with `kai approve ID` (it expires, by default after 10 minutes). \
        Every change is audited with the MCP client's name.

        Editor configuration (stdio):
          {"mcpServers": {"kai": {"command": "kai", "args": ["mcp", "--context", "minikube"]}}}

        Examples:
          kai mcp                                   # stdio, the kubeconfig's cluster
          kai mcp --sandbox                         # stdio, an embedded simulated cluster
          kai mcp --read-only                       # reads only: no change tools at all
          kai mcp --yes                             # unattended: change steps run without asking
        """
    )

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var run: RunOptions
    @OptionGroup var options: CommonOptions

    @Option(name: .customLong("approval-timeout"),
            help: ArgumentHelp("Seconds a change offered for `kai approve ID` stays open.", valueName: "seconds"))
    var approvalTimeout: Double = 600

    @Option(name: .customLong("max-calls"), help: ArgumentHelp("Tool calls run at once; more are refused until one finishes.", valueName: "count"))
    var maxCalls = 4

    func validate() throws {
        guard approvalTimeout > 0, approvalTimeout <= 86_400 else {
            throw ValidationError("--approval-timeout must be more than 0 and at most 86400 seconds, not \(approvalTimeout).")
        }
        guard (1...64).contains(maxCalls) else { throw ValidationError("--max-calls must be between 1 and 64, not \(maxCalls).") }
        if run.allowDisruptive, !run.yes { throw ValidationError("--allow-disruptive only widens --yes; add --yes, or leave it out to confirm each change.") }
    }

    func run() async throws {
        do {
            let configuration = try options.configuration(cluster: cluster)
            let policy = try options.loadPolicy(configuration)
            let settings = MCPSettings(consent: run.consent, approvalLifetime: .milliseconds(Int(approvalTimeout * 1000)), maximumConcurrentCalls: maxCalls,
                                       rolloutTimeout: run.rolloutDuration, followRollouts: !run.noWait)
            try await ModelSession.with(configuration, output: .json, verbose: false) { model in
                try await cluster.withConnection(configuration) { connection in
                    let client = connection.client
                    let kai = KaiMCPServer(client: client, policy: policy, version: Kai.configuration.version, settings: settings,
                                           planRequest: { request, snapshot in
                                               try await model.silentPlan(request, snapshot: snapshot, policy: policy, client: client)
                                           })
                    let server = try await kai.start(on: StdioTransport())
                    await server.waitUntilCompleted()
                    await server.stop()
                }
            }
        } catch let error as any KaiError {
            throw options.failure(error, request: "", output: .text)
        }
    }
}

import ArgumentParser
import KaiCore
import KaiExecutor
import KaiKube
import KaiMCP
import KaiCommandLine
import KaiTerminal
import MCP

/// `kai mcp` (this program, `kai-mcp`, which kai runs for it): the catalog as a Model Context Protocol
/// server for agents and editors.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kai mcp",
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
          kai mcp --http 127.0.0.1:8765             # streamable HTTP; prints the bearer token to send

        Over HTTP every request needs the token printed at start, only loopback addresses are \
        served unless --listen-any is given, and changes are approved with `kai approve ID` \
        (the HTTP answers are single JSON documents, which carry no form to the person). \
        With --sandbox the cluster lives inside this process, so `kai approve` cannot reach \
        it: use a client with forms, or `kai sandbox serve` and --kubeconfig for both commands.
        """,
        version: KaiVersion.current
    )

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var run: RunOptions
    @OptionGroup var options: CommonOptions

    @Option(name: .customLong("approval-timeout"),
            help: ArgumentHelp("Seconds a change offered for `kai approve ID` stays open.", valueName: "seconds"))
    var approvalTimeout: Double = 600

    @Option(name: .customLong("http"),
            help: ArgumentHelp("Serve streamable HTTP at HOST:PORT (path /mcp) instead of stdio; port 0 picks a free one.", valueName: "host:port"))
    var http: String?

    @Flag(name: .customLong("listen-any"), help: "With --http, allow an address other than loopback (the bearer token still guards every request).")
    var listenAny = false

    @Option(name: .customLong("max-calls"), help: ArgumentHelp("Tool calls run at once; more are refused until one finishes.", valueName: "count"))
    var maxCalls = 4

    func validate() throws {
        guard approvalTimeout > 0, approvalTimeout <= 86_400 else {
            throw ValidationError("--approval-timeout must be more than 0 and at most 86400 seconds, not \(approvalTimeout).")
        }
        guard (1...64).contains(maxCalls) else { throw ValidationError("--max-calls must be between 1 and 64, not \(maxCalls).") }
        if let http {
            guard let (host, _) = Self.address(http) else {
                throw ValidationError("--http \(http) is not HOST:PORT with a port from 0 to 65535, e.g. --http 127.0.0.1:8765.")
            }
            if !listenAny, !MCPHTTPServer.isLoopback(host) {
                throw ValidationError("--http \(http) is not a loopback address; kai mcp serves 127.0.0.1, ::1 or localhost unless --listen-any is given.")
            }
        } else if listenAny {
            throw ValidationError("--listen-any only applies to --http.")
        }
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
                    let kai = KaiMCPServer(client: client, policy: policy, version: KaiVersion.current, settings: settings,
                                           planRequest: { request, snapshot in
                                               try await model.silentPlan(request, snapshot: snapshot, policy: policy, client: client)
                                           })
                    if let http, let (host, port) = Self.address(http) {
                        let server = MCPHTTPServer(kai: kai, listensBeyondLoopback: listenAny)
                        try await server.run(host: host, port: port) { url in
                            Console.out("kai mcp: serving MCP at \(url)\nSend this header with every request: Authorization: Bearer \(server.token)\n")
                        }
                    } else {
                        let server = try await kai.start(on: StdioTransport())
                        await server.waitUntilCompleted()
                        await server.stop()
                    }
                }
            }
        } catch let error as any KaiError {
            throw options.failure(error, request: "", output: .text)
        }
    }

    /// "127.0.0.1:8765" or "[::1]:0" as host and port.
    static func address(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }
}

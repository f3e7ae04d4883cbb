import ArgumentParser
import KaiCommandLine
import KaiConfig
import KaiCore
import KaiKube
import KaiPlanning
import KaiTerminal

/// `kai "request"` (or `kai do "request"`): plans a request against the live cluster, asks, runs it and reports.
struct DoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "do",
        abstract: "Plan a request against the cluster, confirm it, run it and report (the default command).",
        discussion: """
        Names are resolved against the live cluster and every step is checked by the policy. \
        Read steps run at once; a change asks y/N; a disruptive step (rollback, set image, \
        delete pod, scale to 0) asks you to type the target's name. Without a terminal nothing \
        changes unless --yes (and, for disruptive steps, --allow-disruptive) is given. Every \
        change is written to $XDG_STATE_HOME/kai/audit.jsonl and can be put back with `kai undo`.

        Examples:
          kai "scale backend to 3"
          kai --yes "restart the frontend"
          kai --yes --allow-disruptive "roll back the backend"
          kai --context minikube -n todo-chatbot "last 50 lines of backend logs"
          kai --sandbox --yes "scale backend to 3" -o json

        Exits 0 when every step succeeded, 1 when one failed, 2 for a usage or configuration \
        problem, 3 when confirmation was needed or declined, 4 when refused, 5 when the \
        cluster cannot be reached.
        """
    )

    @Argument(help: ArgumentHelp("The request in plain language; quote it or give it as several words.", valueName: "request"))
    var request: [String] = []

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var run: RunOptions

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let text = request.joined(separator: " ")
        var output = options.output ?? .text
        do {
            let configuration = try options.configuration(cluster: cluster)
            output = configuration.output.value
            let policy = try options.loadPolicy(configuration)
            let interactive = request.isEmpty && TerminalConfirmer.ifInteractive() != nil
            if !interactive, text.trimmingCharacters(in: .whitespaces).isEmpty { throw RequestError.empty }
            try await ModelSession.with(configuration, output: output, verbose: options.verbose) { model in
                if !interactive { ProgressDisplay(quiet: output == .json).waiting("Reading the cluster…") }
                try await cluster.withConnection(configuration) { connection in
                    if interactive {
                        var session = InteractiveSession(connection: connection, run: run, policy: policy, model: model)
                        return await session.start()
                    }
                    // Most one-shots name a deployment here: planned from its deployments and autoscalers alone, they
                    // need two reads; anything else reads the whole snapshot and is planned again.
                    guard let plan = try await model.plan(text, client: connection.client, namespace: connection.endpoint.namespace, policy: policy)
                    else { return }
                    try await PlanRun(connection: connection, run: run, output: output, policy: policy, explainer: model.explainer).perform(plan)
                }
            }
        } catch let error as any KaiError {
            throw options.failure(error, request: text, output: output)
        }
    }
}

import ArgumentParser
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
        do {
            let policy = try options.loadPolicy()
            if request.isEmpty, TerminalConfirmer.ifInteractive() != nil {
                try await cluster.withConnection { connection in
                    var session = InteractiveSession(connection: connection, run: run, policy: policy)
                    await session.start()
                }
                return
            }
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw RequestError.empty }
            try await cluster.withConnection { connection in
                let snapshot = try await ClusterSnapshot.read(from: connection.client, namespace: connection.endpoint.namespace)
                let plan = try Planner(snapshot: snapshot, policy: policy).plan(text)
                try await PlanRun(connection: connection, run: run, output: options.output, policy: policy).perform(plan)
            }
        } catch let error as any KaiError {
            throw options.failure(error, request: text)
        }
    }
}

import ArgumentParser
import KaiCommandLine
import KaiConfig
import KaiCore
import KaiKube
import KaiPlanning
import KaiRunbook
import KaiTerminal

/// `kai plan`: shows the checked plan for a request and runs nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the checked plan for a request, without running anything.",
        discussion: """
        The request is read by kai's local grammar, every name is resolved against the \
        cluster (the kubeconfig's, or the embedded one with --sandbox) and every step is \
        checked against the policy. Nothing is changed.

        Examples:
          kai plan "scale the backend down by one"
          kai plan "set image of backend to todo-backend:2.0" -o json
          kai plan restart frontend and scale backend to 2
          kai plan --sandbox "roll back the backend"
          kai plan runbooks/recover-backend.yaml -o json    # a runbook, compiled into typed steps

        Exits 0 with a plan, 4 when the catalog or the policy refuses the request, 2 when \
        the request, a name in it, the kubeconfig or the policy file cannot be used, and 5 \
        when the cluster cannot be reached.
        """
    )

    @Argument(help: ArgumentHelp("The request in plain language; quote it or give it as several words.", valueName: "request"))
    var request: [String] = []

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var options: CommonOptions

    func run() async throws {
        if request.count == 1, let path = request.first, RunbookFile.isRunbook(path: path) {
            return try await planRunbook(at: path)
        }
        let text = request.joined(separator: " ")
        var output = options.output ?? .text
        do {
            let configuration = try options.configuration(cluster: cluster)
            output = configuration.output.value
            let policy = try options.loadPolicy(configuration)
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw RequestError.empty }
            let planned = try await ModelSession.with(configuration, output: output, verbose: options.verbose) { model in
                try await cluster.withConnection(configuration) { connection in
                    try await model.plan(text, client: connection.client, namespace: connection.endpoint.namespace, policy: policy)
                }
            }
            guard let plan = planned else { return }
            switch output {
            case .json: Console.out(PlanDocument(plan).json())
            case .text: plan.refusal == nil ? Console.out(PlanText.render(plan, paint: .standardOutput)) : Console.error(PlanText.render(plan, paint: .standardError))
            }
            if let refusal = plan.refusal { throw ExitCode(ExitStatus.code(for: refusal.category)) }
        } catch let error as any KaiError {
            throw options.failure(error, request: text, output: output)
        }
    }

    /// `kai plan FILE`: compiles the runbook (asks included) into typed steps for review.
    private func planRunbook(at path: String) async throws {
        var output = options.output ?? .text
        do {
            let configuration = try options.configuration(cluster: cluster)
            output = configuration.output.value
            let policy = try options.loadPolicy(configuration)
            let runbook = try RunbookFile.load(path: path)
            let compiled = try await cluster.withConnection(configuration) { connection in
                let snapshot = try await ClusterSnapshot.read(from: connection.client, namespace: connection.endpoint.namespace, alsoReading: policy.namespaces)
                return try RunbookCompiler(snapshot: snapshot, policy: policy).compile(runbook)
            }
            switch output {
            case .json: Console.out(RunbookDocument(compiled).json())
            case .text: Console.out(RunbookText.render(compiled, paint: .standardOutput))
            }
        } catch let error as any KaiError {
            switch output {
            case .json: Console.out(RunbookDocument(file: path, error: error).json())
            case .text: Console.error(PlanText.render(error: error, paint: .standardError))
            }
            throw ExitCode(ExitStatus.code(for: error.category))
        }
    }
}

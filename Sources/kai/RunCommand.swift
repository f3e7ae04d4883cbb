import ArgumentParser
import KaiCommandLine
import KaiConfig
import KaiCore
import KaiExecutor
import KaiKube
import KaiRunbook
import KaiTerminal

/// `kai run FILE`: compiles a runbook against the cluster, confirms it once, runs its steps in order.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a runbook: a YAML file of operations, requests, waits and checks.",
        discussion: """
        A runbook has a name, a description and steps; each step is exactly one of:
          op: scale                  a catalog operation, with target: and the
                                     argument names of `kai plan -o json`
          ask: "restart frontend"    a request in plain language
          wait: {rollout: backend, timeout: 120s}
                                     follow a rollout until it completes
          check: {target: backend, readyReplicas: ">= 2"}
                                     fail unless true (readyReplicas, replicas,
                                     availableReplicas; >=, <=, ==, >, <)

        Every step is resolved against the cluster and checked by the policy before any runs; \
        the whole plan is shown and confirmed once (a disruptive step by typing its name); the \
        steps then run in order and the first failed step, wait or check stops the run.

        Examples:
          kai run runbooks/recover-backend.yaml --yes
          kai run runbooks/rollback-frontend.yaml --yes --allow-disruptive -o json
          kai run runbooks/scale-for-demo.yaml --dry-run
          kai plan runbooks/recover-backend.yaml -o json

        Exits 0 when every step succeeded, 1 when a step, wait or check failed, 2 when the \
        runbook cannot be used (the message names the file, line and step), 3 when \
        confirmation was needed or declined, 4 when refused, 5 when the cluster cannot be reached.
        """
    )

    @Argument(help: ArgumentHelp("The runbook file (YAML).", valueName: "file"))
    var file: String

    @Flag(name: .customLong("dry-run"), help: "Compile the runbook and show its plan without running anything.")
    var dryRun = false

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var run: RunOptions

    @OptionGroup var options: CommonOptions

    func run() async throws {
        var output = options.output ?? .text
        do {
            let configuration = try options.configuration(cluster: cluster)
            output = configuration.output.value
            let policy = try options.loadPolicy(configuration)
            let runbook = try RunbookFile.load(path: file)
            try await cluster.withConnection(configuration) { connection in
                let snapshot = try await ClusterSnapshot.read(from: connection.client, namespace: connection.endpoint.namespace, alsoReading: policy.namespaces)
                let compiled = try RunbookCompiler(snapshot: snapshot, policy: policy).compile(runbook)
                if dryRun {
                    switch output {
                    case .json: Console.out(RunbookDocument(compiled).json())
                    case .text: Console.out(RunbookText.render(compiled, paint: .standardOutput))
                    }
                    return
                }
                try await perform(compiled, on: connection, output: output)
            }
        } catch let error as any KaiError {
            switch output {
            case .json: Console.out(RunbookDocument(file: file, error: error).json())
            case .text: Console.error(PlanText.render(error: error, paint: .standardError))
            }
            throw ExitCode(ExitStatus.code(for: error.category))
        }
    }

    /// Shows the plan, confirms it once, runs it and prints the report; throws the exit code a failure calls for.
    private func perform(_ compiled: CompiledRunbook, on connection: ClusterConnection, output: OutputFormat) async throws {
        let text = output == .text
        if text { Console.out(RunbookText.render(compiled, running: true, paint: .standardOutput)) }
        let audit = AuditLog.standard()
        let executor = Executor(client: connection.client, audit: audit, context: AuditContext(endpoint: connection.endpoint),
                                rolloutTimeout: run.rolloutDuration, followRollouts: !run.noWait,
                                progress: ProgressDisplay(quiet: !text).rollout)
        let gate = ConfirmationGate(consent: run.consent, confirmer: TerminalConfirmer.ifInteractive())
        if case .refused(let error) = await gate.decide(compiled.plan) {
            switch output {
            case .json: Console.out(RunbookDocument(notRun: compiled, because: error).json())
            case .text: Console.error(PlanText.render(error: error, paint: .standardError))
            }
            throw ExitCode(ExitStatus.code(for: error.category))
        }
        // Once confirmed, Ctrl-C and SIGTERM stop the runbook where it is and let each change sent be recorded.
        let runner = RunbookRunner(executor: executor)
        let (report, signal) = await Interrupts.run(trapping: compiled.plan.risk > .read) { await runner.run(compiled) }
        switch output {
        case .json: Console.out(RunbookDocument(report, auditPath: audit.path).json())
        case .text: Console.out(RunbookText.render(report, auditPath: audit.path, paint: .standardOutput))
        }
        if let signal { throw Interrupts.stopped(by: signal, auditPath: audit.path) }
        if let failure = report.failure { throw ExitCode(ExitStatus.code(for: failure.failureCategory ?? .operationFailed)) }
    }
}

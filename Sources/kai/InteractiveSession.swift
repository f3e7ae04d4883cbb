import ArgumentParser
import Foundation
import KaiCommandLine
import KaiConfig
import KaiCore
import KaiDiagnosis
import KaiExecutor
import KaiKube
import KaiPlanning
import KaiPolicy
import KaiTerminal

/// The REPL: `kai` with no request at a terminal. Each line is a request (planned, confirmed,
/// run and reported like a one-shot) or a slash command.
struct InteractiveSession {
    let connection: ClusterConnection
    let run: RunOptions
    var policy: Policy
    let model: ModelSession
    var namespace: String
    let editor: LineEditor
    let interrupts = Interrupts()
    /// The fixes the last diagnosis suggested, for /fix N.
    let fixes = SuggestedFixes()

    init(connection: ClusterConnection, run: RunOptions, policy: Policy, model: ModelSession,
         environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.connection = connection
        self.run = run
        self.policy = policy
        self.model = model
        self.namespace = connection.endpoint.namespace
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.local/state"
        self.editor = LineEditor(historyPath: state + "/kai/history")
    }

    var prompt: String {
        "kai (\(connection.endpoint.contextName)/\(namespace))\(policy.readOnly ? " [read-only]" : "")\(consentMark)> "
    }

    /// What the session confirms in advance, for the prompt: " [--yes]", " [--yes --allow-disruptive]".
    private var consentMark: String {
        guard run.yes else { return "" }
        return run.allowDisruptive ? " [--yes --allow-disruptive]" : " [--yes]"
    }

    /// The banner's word on `--yes`: the whole session confirms changes in advance.
    private var consentBanner: String {
        guard run.yes else { return "" }
        return run.allowDisruptive
            ? "--yes --allow-disruptive: every change in this session, disruptive ones included, runs without asking.\n"
            : "--yes: changes in this session run without asking; disruptive steps still ask for the target's name.\n"
    }

    /// Reads and answers lines until Ctrl-D or /exit.
    mutating func start() async {
        Console.out("kai \(Kai.configuration.version) on \(connection.endpoint.server.masked) — type a request, /help for commands, Ctrl-D to leave.\n" + consentBanner)
        while let line = await editor.readLine(prompt: prompt, words: await completionWords()) {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            editor.remember(text)
            if text.hasPrefix("/") {
                guard await command(text) else { return }
            } else {
                await request(text)
            }
            // SIGTERM stopped the request: its outcome is recorded, so the session can end.
            if let signal = interrupts.takeSignal(), signal == SIGTERM { exit(Interrupts.exitStatus(signal)) }
        }
        Console.out("\n")
    }

    /// Plans and runs one request; its failures are reported and the session goes on. With
    /// `expected`, the plan must be exactly that operation (a suggested fix asked for by /fix).
    private func request(_ text: String, expected: CatalogOperation? = nil) async {
        let connection = self.connection, policy = self.policy, namespace = self.namespace, run = self.run, fixes = self.fixes, model = self.model
        let confirmer = TerminalConfirmer(editor: editor)
        await interrupts.run {
            ProgressDisplay(quiet: false).waiting("Reading the cluster…")
            do {
                let plan: Plan
                if expected != nil {
                    // A suggested fix is planned from its words by the grammar alone, so that it is exactly the fix offered.
                    let snapshot = try await ClusterSnapshot.read(from: connection.client, namespace: namespace, alsoReading: policy.namespaces)
                    plan = try Planner(snapshot: snapshot, policy: policy).plan(text)
                } else {
                    guard let planned = try await model.plan(text, client: connection.client, namespace: namespace, policy: policy) else { return }
                    plan = planned
                }
                if let expected, plan.refusal == nil, plan.steps.map(\.operation) != [expected] {
                    Console.error("The cluster changed since the diagnosis: \"\(text)\" no longer plans the suggested fix. Diagnose again.\n")
                    return
                }
                fixes.remember(try await PlanRun(connection: connection, run: run, output: .text, confirmer: confirmer, policy: policy,
                                                 explainer: model.explainer, trapsSignals: false).perform(plan))
            } catch let error as any KaiError {
                Console.error(PlanText.render(error: error, paint: .standardError))
            } catch is CancellationError {
                Console.error("Interrupted.\n")
            } catch {
                // PlanRun has already reported the outcome that ends a one-shot with this exit code.
            }
            if Task.isCancelled { Console.error("Interrupted: back at the prompt.\n") }
        }
    }

    /// Runs a slash command; false ends the session.
    private mutating func command(_ text: String) async -> Bool {
        let words = text.split(separator: " ").map(String.init)
        switch words[0] {
        case "/exit", "/quit":
            return false
        case "/help":
            Console.out(Self.help)
        case "/context":
            let endpoint = connection.endpoint
            Console.out("context \(endpoint.contextName), cluster \(endpoint.clusterName) at \(endpoint.server.masked), user \(endpoint.userName), namespace \(namespace)\(policy.readOnly ? ", read-only" : "")\n")
        case "/namespace":
            guard words.count == 2 else {
                Console.error("usage: /namespace NAME (now \(namespace))\n")
                return true
            }
            if let refusal = policy.check(namespace: words[1]) {
                Console.error(PlanText.render(refusal: refusal, paint: .standardError))
            } else {
                namespace = words[1]
            }
        case "/read-only":
            switch words.dropFirst().first {
            case "on": policy.readOnly = true
            case "off": policy.readOnly = false
            default: Console.error("usage: /read-only on|off (now \(policy.readOnly ? "on" : "off"))\n")
            }
        case "/history":
            let log = AuditLog.standard()
            do {
                Console.out(AuditText.history(try log.history(), path: log.path))
            } catch {
                Console.error(PlanText.render(error: error, paint: .standardError))
            }
        case "/undo":
            await undo(words.dropFirst().first)
        case "/model":
            Console.out(ConfigText.interpreter(model.configuration) + "\n")
        case "/fix":
            await fix(words.dropFirst().first)
        case "/approve":
            guard words.count == 2 else {
                Console.error("usage: /approve ID (the id kai mcp gave an agent with its plan)\n")
                return true
            }
            await approve(words[1])
        default:
            Console.error("Unknown command \(words[0]). \(Self.commands)\n")
        }
        return true
    }

    /// `/undo [ID]`: as `kai undo`, on this session's cluster.
    private func undo(_ id: String?) async {
        let connection = self.connection, policy = self.policy, run = self.run
        let confirmer = TerminalConfirmer(editor: editor)
        await interrupts.run {
            do {
                let proposal = try await UndoProposal.propose(from: AuditLog.standard(), id: id, cluster: AuditContext(endpoint: connection.endpoint),
                                                              client: connection.client, policy: policy)
                Console.error(AuditText.render(proposal))
                try await PlanRun(connection: connection, run: run, output: .text, confirmer: confirmer, trapsSignals: false,
                                  typedForEveryChange: proposal.drift != nil)
                    .perform(proposal.plan, undoes: proposal.change.record.id)
            } catch let error as any KaiError {
                Console.error(PlanText.render(error: error, paint: .standardError))
            } catch {
                // Reported by PlanRun.
            }
        }
    }

    /// `/approve ID`: as `kai approve`, on this session's cluster; the session's --yes does not apply.
    private func approve(_ id: String) async {
        let approval = ApprovalRun(connection: connection, policy: policy, output: .text, confirmer: TerminalConfirmer(editor: editor), trapsSignals: false)
        await interrupts.run {
            do {
                try await approval.perform(id)
            } catch let error as any KaiError {
                Console.error(PlanText.render(error: error, paint: .standardError))
            } catch {
                // Reported by PlanRun.
            }
        }
    }

    /// `/fix N`: plans suggested fix N of the last diagnosis as the request it stands for, so it is
    /// resolved against the cluster now, checked by the policy and confirmed like any other.
    private func fix(_ number: String?) async {
        let suggested = fixes.all
        guard !suggested.isEmpty else {
            Console.error("No fixes to choose from: ask \"why is the backend failing\" (or another diagnosis, or \"recommend resources for backend\") first.\n")
            return
        }
        guard let number, let index = Int(number), suggested.indices.contains(index - 1),
              let request = FixPhrase.request(for: suggested[index - 1].step.operation) else {
            let list = suggested.enumerated().map { "  /fix \($0.offset + 1)  (\($0.element.finding)) \($0.element.step.summary)" }.joined(separator: "\n")
            Console.error("usage: /fix N, one of:\n\(list)\n")
            return
        }
        await self.request(request, expected: suggested[index - 1].step.operation)
    }

    /// Operation words and the names of the namespace's deployments and pods.
    private func completionWords() async -> [String] {
        let snapshot = try? await ClusterSnapshot.read(from: connection.client, namespace: namespace)
        let names = (snapshot?.deployments.map(\.name) ?? []) + (snapshot?.pods.map(\.name) ?? [])
            + (snapshot?.deployments.compactMap(\.component) ?? [])
        return Self.operationWords + Self.slashCommands + names
    }

    static let operationWords = ["list", "show", "describe", "logs", "events", "diagnose", "why", "resources", "rollout",
                                 "status", "history", "scale", "restart", "autoscale", "rollback", "set", "image", "delete",
                                 "pod", "pods", "deployments", "services", "replicas", "to"]
    static let slashCommands = ["/help", "/context", "/namespace", "/read-only", "/history", "/undo", "/fix", "/approve", "/model", "/exit"]
    static let commands = "Commands: " + slashCommands.joined(separator: " ") + "."

    static let help = """
    Type what you want in plain words; kai shows the plan and asks before changing anything.
      list pods · describe backend · logs frontend since 10m · why is the backend failing
      scale backend to 3 · restart the frontend · roll back the backend · set image of backend to todo-backend:1.2.0
    Commands:
      /context             where kai is connected and as whom
      /namespace NAME      act in another namespace (the policy must allow it)
      /read-only on|off    refuse every change while on
      /history             the last changes from the audit log, with their ids and outcomes
      /undo [ID]           propose putting back the newest change that can be (or change ID)
      /fix N               run fix N the last diagnosis suggested (planned, checked and confirmed like a request)
      /approve ID          run a change an agent asked for through kai mcp, after you confirm it here
      /model               which interpreter reads requests
      /exit                leave (or Ctrl-D); Ctrl-C stops the request in flight

    """
}
